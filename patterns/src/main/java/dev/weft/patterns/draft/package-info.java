/**
 * Roles of the thread-safe draft socket types that route by ids the socket gives its peers: SERVER
 * (RFC 41) and PEER (RFC 51), which share one role ({@code ServerRole}) over {@code
 * AssignedIdRouting}. The other draft types behave like classic ones once the engine's single-part
 * rule is applied, so they reuse those roles: CLIENT the DEALER role, SCATTER and GATHER the PUSH
 * and PULL roles (RFC 49), CHANNEL the PAIR role (RFC 52).
 *
 * <p>Their messages are single-part: the socket core refuses a multipart send and a connection that
 * delivers a multipart message is closed, before a role sees either, so the roles never check it.
 * Like every role, they run under the socket lock and never block.
 */
package dev.weft.patterns.draft;

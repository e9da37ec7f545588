/**
 * Roles of the thread-safe draft socket types: CLIENT and SERVER (RFC 41), SCATTER and GATHER (RFC
 * 49), PEER (RFC 51) and CHANNEL (RFC 52). One final class per type, composed of the routing
 * primitives of {@code dev.weft.core.route}; SERVER and PEER share {@code AssignedIdRouting}, the
 * routing by ids the socket gives its peers.
 *
 * <p>Their messages are single-part: the socket core refuses a multipart send and a connection that
 * delivers a multipart message is closed, before a role sees either, so the roles never check it.
 * Like every role, they run under the socket lock and never block.
 */
package dev.weft.patterns.draft;

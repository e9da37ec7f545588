/**
 * RFC 28 request-reply: REQ, REP, DEALER and ROUTER roles. Internal to this module; every method
 * runs under the socket lock.
 */
package dev.weft.patterns.reqrep;

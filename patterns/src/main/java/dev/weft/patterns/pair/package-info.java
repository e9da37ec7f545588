/**
 * RFC 31 exclusive pair: the PAIR role. Internal to this module; every method runs under the socket
 * lock.
 */
package dev.weft.patterns.pair;

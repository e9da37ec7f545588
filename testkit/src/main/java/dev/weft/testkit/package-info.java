/**
 * Helpers for integration tests of Weft sockets and other ZMTP implementations. {@link
 * dev.weft.testkit.ZmtpScriptedPeer} is a raw-ZMTP peer driven step by step by a test, for
 * handshake and malformed-input cases.
 *
 * <p>Threads and ownership: the helpers start no threads and hold no netty buffers; byte arrays
 * they return belong to the caller. Each helper object is meant for one test thread.
 */
package dev.weft.testkit;

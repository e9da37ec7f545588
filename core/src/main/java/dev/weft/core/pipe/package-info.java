/**
 * Pipes: the pair of bounded single-producer single-consumer queues between a socket and one peer,
 * with high-water marks and edge-only signalling. Queued messages are owned by the queue.
 */
package dev.weft.core.pipe;

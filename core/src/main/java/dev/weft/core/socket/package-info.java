/**
 * The socket core: what every socket type shares (blocking with deadlines, pipe lifecycle,
 * endpoints, close and linger, monitor, counters). Role code runs under the socket lock; listeners
 * run with no lock held.
 */
package dev.weft.core.socket;

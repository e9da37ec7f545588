package dev.weft.core.transport;

import dev.weft.core.Metadata;
import dev.weft.core.MonitorEvent;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketType;
import dev.weft.core.pipe.PeerCommand;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.pipe.PipeEngine;

/**
 * What a connection needs from its socket, so that transports know nothing of the socket core:
 * implemented by the socket core, called on I/O threads.
 */
public interface ConnectionOwner {
    /**
     * Returns this socket's type.
     *
     * @return the type announced in READY
     */
    SocketType socketType();

    /**
     * Returns this socket's options.
     *
     * @return the options
     */
    SocketOptions options();

    /**
     * Returns the metadata this socket announces in its handshake.
     *
     * @return {@code Socket-Type} and, for REQ/DEALER/ROUTER, {@code Identity}
     */
    Metadata handshakeMetadata();

    /**
     * A connection completed its handshake: create its pipe and attach it to the role. Takes the
     * socket lock briefly.
     *
     * @param engine the connection
     * @param peerType the validated peer type
     * @param peerMetadata the peer's metadata
     * @param peerSpeaks31 whether the peer negotiated ZMTP 3.1
     * @param endpoint the endpoint the connection belongs to
     * @param peerAddress the remote address
     * @return the attached pipe, or null when the socket is closing and the connection must end
     */
    Pipe connectionReady(
            PipeEngine engine,
            SocketType peerType,
            Metadata peerMetadata,
            boolean peerSpeaks31,
            String endpoint,
            String peerAddress);

    /**
     * A connected endpoint starts: returns the pipe its connections will share when messages may
     * queue before a connection exists ({@code immediate} off), attached to the role at once.
     * Called on the thread that connects, before the dialer exists on the I/O thread.
     *
     * @param endpoint the endpoint text
     * @param subscribeToAll the transport's peer never sends subscriptions or group joins ({@code
     *     udp://}, see {@link Transport.ConnectRequest#subscribesToAll()}): the pipe is made
     *     whatever {@code immediate} says, and {@link Pipe#isSubscribedToAll() marked} before the
     *     role sees it
     * @return the persistent pipe, or null when each connection gets its own pipe at handshake
     */
    Pipe dialerStarted(String endpoint, boolean subscribeToAll);

    /**
     * A connected endpoint stops: detach its persistent pipe, releasing what is still queued.
     *
     * @param pipe the pipe from {@link #dialerStarted}
     */
    void dialerStopped(Pipe pipe);

    /**
     * A connection of a persistent pipe completed its handshake and is now bound to it. Takes the
     * socket lock briefly.
     *
     * @param pipe the persistent pipe, already bound
     * @return false when the pipe was detached and the connection must end
     */
    boolean pipeReconnected(Pipe pipe);

    /** A connection was created; {@link #connectionEnded} follows exactly once. */
    void connectionOpened();

    /**
     * A connection ended. Takes the socket lock briefly.
     *
     * @param pipe its pipe, or null when the handshake had not completed
     */
    void connectionEnded(Pipe pipe);

    /**
     * A peer sent a pattern command, normalized from either wire form. Takes the socket lock
     * briefly.
     *
     * @param pipe the pipe it came on
     * @param command the command
     */
    void commandReceived(Pipe pipe, PeerCommand command);

    /**
     * Reports a pipe's readable edge as {@link dev.weft.core.pipe.PipeOwner#pipeReadable} does, but
     * only when the socket lock is free at once and not held by the calling thread: for a producer
     * that may hold another socket's lock (inproc), which must never wait for this one. Never
     * blocks.
     *
     * @param pipe the pipe whose inbound queue went from empty to non-empty
     * @return true when reported; false when nothing was done and the caller must report the edge
     *     from a thread that holds no socket lock
     */
    boolean tryPipeReadable(Pipe pipe);

    /**
     * Reports a pipe's writable edge as {@link dev.weft.core.pipe.PipeOwner#pipeWritable} does, but
     * only when the socket lock is free at once and not held by the calling thread: for a consumer
     * of the pipe's outbound queue that may hold another socket's lock (inproc, where the peer's
     * reader moves the messages), which must never wait for this one. Never blocks.
     *
     * @param pipe the pipe whose outbound queue drained to its low-water mark after being full
     * @return true when reported; false when nothing was done and the caller must report the edge
     *     from a thread that holds no socket lock
     */
    boolean tryPipeWritable(Pipe pipe);

    /**
     * Reports a pipe's readable edge from a producer that is not the pipe's engine-side batch (as
     * {@link dev.weft.core.pipe.PipeOwner#pipeReadable}). Call with no lock held; takes the socket
     * lock.
     *
     * @param pipe the pipe whose inbound queue went from empty to non-empty
     */
    void pipeReadable(Pipe pipe);

    /**
     * Reports a pipe's writable edge from a consumer of its outbound queue that is not the pipe's
     * engine (as {@link dev.weft.core.pipe.PipeOwner#pipeWritable}). Call with no lock held; takes
     * the socket lock.
     *
     * @param pipe the pipe whose outbound queue drained to its low-water mark after being full
     */
    void pipeWritable(Pipe pipe);

    /**
     * Reports a monitor event; call with no lock held.
     *
     * @param event the event
     */
    void emit(MonitorEvent event);

    /** Counts a failed handshake. */
    void countHandshakeFailure();

    /** Counts a scheduled reconnect. */
    void countReconnect();

    /** Counts a {@code udp://} datagram dropped (see {@link dev.weft.core.SocketStats}). */
    void countDroppedDatagram();

    /**
     * An endpoint was bound: its live-connection count joins the socket's stats.
     *
     * @param limit the endpoint's count, updated on the I/O thread from now on
     */
    void listenerBound(ListenerLimit limit);

    /**
     * A bound endpoint was closed: its count leaves the socket's stats, its accept pauses stay in
     * the socket's total.
     *
     * @param limit the count given to {@link #listenerBound}
     */
    void listenerUnbound(ListenerLimit limit);
}

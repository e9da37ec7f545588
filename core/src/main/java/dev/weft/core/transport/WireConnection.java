package dev.weft.core.transport;

import dev.weft.core.Message;
import dev.weft.core.pipe.PeerCommand;

/**
 * The connection under a {@link Session}, as the session sees it: it encodes what the session takes
 * from the pipe, writes, pauses and resumes reading, and closes. Implemented by {@link
 * ZmtpConnection}; every method runs on the session's I/O thread.
 */
interface WireConnection {
    /**
     * Tells whether the connection takes more output now: its handshake completed, it is open and
     * its channel is not blocked.
     *
     * @return true when {@link #send} may be called
     */
    boolean canWrite();

    /**
     * Returns the octets encoded and not yet written to the channel.
     *
     * @return the queued octets
     */
    long pendingBytes();

    /**
     * Encodes a message; its buffers may be kept as retained slices until written.
     *
     * @param message not consumed: the caller still closes it
     */
    void send(Message message);

    /**
     * Encodes a pattern command in the form the peer speaks.
     *
     * @param command the command
     */
    void send(PeerCommand command);

    /** Writes what is encoded to the channel as far as it takes; closes itself on an I/O error. */
    void flush();

    /** Stops reading: the pipe is full. */
    void pauseReading();

    /** Reads again after {@link #pauseReading()}. */
    void resumeReading();

    /**
     * Closes the connection because the socket refused the peer, with a monitor event.
     *
     * @param reason why
     */
    void reject(String reason);

    /**
     * Closes the connection now; the session hears of it through {@link Session#detach}.
     *
     * @param reason why, for the monitor event
     */
    void close(String reason);
}

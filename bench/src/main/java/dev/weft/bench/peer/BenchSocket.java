package dev.weft.bench.peer;

/**
 * The few socket operations the peer loops need, implemented once per library. Every blocking call
 * waits at most the stall timeout the socket was opened with.
 *
 * <p>A payload of zero bytes is the end marker (see the package doc). Not thread-safe.
 */
public interface BenchSocket extends AutoCloseable {
    /**
     * Binds to an endpoint.
     *
     * @param endpoint e.g. {@code tcp://127.0.0.1:*}
     * @return the concrete endpoint, with the port chosen
     */
    String bind(String endpoint);

    /**
     * Connects to an endpoint.
     *
     * @param endpoint a concrete endpoint returned by a peer's {@link #bind}
     */
    void connect(String endpoint);

    /**
     * Sends one message whose payload is the whole array (not modified, may be reused at once).
     *
     * @param payload the payload; empty for the end marker
     * @return false when the stall timeout passed without the message being taken
     */
    boolean send(byte[] payload);

    /**
     * Receives one message.
     *
     * @return its payload size (0 for the end marker), or -1 when the stall timeout passed
     * @throws BenchFailure when the message is not shaped as the pattern says (frame count)
     */
    int receive();

    /**
     * Receives one message and returns it to its sender.
     *
     * @return the payload size echoed (0 for the end marker), or -1 when the stall timeout passed
     * @throws BenchFailure when the message is not shaped as the pattern says
     */
    int echo();

    /**
     * Subscribes to every message (SUB sockets). Takes effect once the subscription reaches the
     * publisher; see {@link #awaitSubscriptions(int)} on the other side.
     *
     * @throws IllegalStateException for a socket type without subscriptions
     */
    void subscribeAll();

    /**
     * Cancels the subscription to every message (SUB sockets): a subscriber's "I have everything"
     * signal at the end of a fan-out run.
     *
     * @throws IllegalStateException for a socket type without subscriptions
     */
    void unsubscribeAll();

    /**
     * Waits a little for the cancel of the last subscription to everything (XPUB sockets pass it up
     * when no subscriber is left for that topic).
     *
     * @param waitMs how long to wait
     * @return true when the cancel arrived, false when nothing arrived in time
     * @throws BenchFailure when something other than that cancel arrives
     * @throws IllegalStateException for a socket type without subscriptions
     */
    boolean awaitCancelAll(long waitMs);

    /**
     * Waits until {@code count} subscription messages have arrived (XPUB sockets, which pass every
     * subscription up, duplicates included). The publisher's start signal in fan-out runs.
     *
     * @param count subscriptions to wait for
     * @return false when the stall timeout passed between two of them
     * @throws BenchFailure when something other than a subscription arrives
     * @throws IllegalStateException for a socket type without subscriptions
     */
    boolean awaitSubscriptions(int count);

    /**
     * Chooses what a publisher does with a message for a subscriber at its high-water mark (XPUB
     * sockets): drop it for that subscriber, as PUB does by default, or wait for room. May change
     * between sends.
     *
     * @param drop true to drop, false to block (lossless)
     * @throws IllegalStateException for a socket type that does not publish
     */
    void dropWhenFull(boolean drop);

    /**
     * Describes what the socket's connections did, for a failed run's error output.
     *
     * @return lines of diagnostics, or an empty string when the library gives none
     */
    default String diagnostics() {
        return "";
    }

    /**
     * Tells how many times connecting was retried by recreating the socket (only for a library with
     * a known connect stall; never for Weft, where a stall is a bug to report).
     *
     * @return 0 unless a retry happened
     */
    default int connectRetries() {
        return 0;
    }

    /** Closes the socket, letting queued messages go out first (bounded linger). */
    @Override
    void close();
}

package dev.weft.bench;

/** The socket types the harness can open; every measured messaging library has each of them. */
public enum SocketKind {
    /** Round-robin sender, fair-queued receiver, no envelope. */
    DEALER(false),
    /** Prefixes received messages with the peer's routing id; routes sends by the first frame. */
    ROUTER(true),
    /** Exclusive one-to-one peer. */
    PAIR(false),
    /** Round-robin sender, send only. */
    PUSH(false),
    /** Fair-queued receiver, receive only. */
    PULL(false),
    /** Strict send-then-receive client; the socket handles the envelope. */
    REQ(false),
    /** Strict receive-then-reply server; the socket handles the envelope. */
    REP(false),
    /**
     * Publisher that also reads subscriptions: used as the fan-out publisher so it can wait for its
     * subscribers and switch between dropping and blocking at the high-water mark.
     */
    XPUB(false),
    /** Subscriber, receive only. */
    SUB(false),
    /** Sends each message to the dishes that joined its group; drops instead of waiting. */
    RADIO(false),
    /** Receives the messages of the groups it joined (one group in bench runs). */
    DISH(false),
    /** Thread-safe round-robin sender, fair-queued receiver, single-part (draft, RFC 41). */
    CLIENT(false),
    /**
     * Thread-safe fair-queued receiver that answers by the routing id a received message carries (a
     * property, not a frame), single-part (draft, RFC 41).
     */
    SERVER(false),
    /** A plain TCP byte stream with fixed-size "messages" (raw NIO only). */
    STREAM(false);

    private final boolean envelope;

    SocketKind(boolean envelope) {
        this.envelope = envelope;
    }

    /**
     * Tells whether received messages carry a routing-id frame before the payload.
     *
     * @return true for ROUTER
     */
    public boolean hasEnvelope() {
        return envelope;
    }
}

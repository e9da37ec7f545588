package dev.weft.bench;

/**
 * A messaging pattern measured by the harness: which socket type sends (or asks) and which one
 * receives (or echoes). The receiving/echoing side binds, the other connects, as libzmq's {@code
 * local_thr}/{@code remote_thr} do.
 *
 * <p>A new pattern is a constant here, a case in each peer's socket factory (the libzmq C peer maps
 * the same names) and rows in {@code Scenarios}. PUB_SUB needs a one-to-many run kind first.
 */
public enum Pattern {
    /** PUSH sends, PULL receives (throughput only). */
    PUSH_PULL("PUSH→PULL", SocketKind.PUSH, SocketKind.PULL),
    /** REQ asks, REP answers (round trips only). */
    REQ_REP("REQ→REP", SocketKind.REQ, SocketKind.REP),
    /** DEALER sends, ROUTER receives (and echoes back to the DEALER in latency runs). */
    DEALER_ROUTER("DEALER→ROUTER", SocketKind.DEALER, SocketKind.ROUTER),
    /** PAIR to PAIR. */
    PAIR("PAIR→PAIR", SocketKind.PAIR, SocketKind.PAIR),
    /** A plain TCP connection: the physical reference. */
    RAW_TCP("raw TCP", SocketKind.STREAM, SocketKind.STREAM);

    private final String label;
    private final SocketKind sender;
    private final SocketKind receiver;

    Pattern(String label, SocketKind sender, SocketKind receiver) {
        this.label = label;
        this.sender = sender;
        this.receiver = receiver;
    }

    /**
     * Returns the name shown in tables.
     *
     * @return e.g. {@code DEALER→ROUTER}
     */
    public String label() {
        return label;
    }

    /**
     * Returns the socket type of the connecting side (throughput sender, latency client).
     *
     * @return the sender's kind
     */
    public SocketKind sender() {
        return sender;
    }

    /**
     * Returns the socket type of the binding side (throughput receiver, latency echo).
     *
     * @return the receiver's kind
     */
    public SocketKind receiver() {
        return receiver;
    }
}

package dev.weft.bench;

/**
 * A messaging pattern measured by the harness: which socket type sends (or asks, or publishes) and
 * which one receives (or echoes, or subscribes). Which side binds is the peer role's choice: the
 * receiving/echoing side in throughput and latency runs, as libzmq's {@code local_thr}/{@code
 * remote_thr} do, and the publisher in fan-out runs.
 *
 * <p>A new pattern is a constant here, a case in each peer's socket factory (the libzmq C peer maps
 * the same names) and rows in {@code Scenarios}.
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
    /**
     * CLIENT sends, SERVER receives (and echoes back by routing id in latency runs). A draft type:
     * Weft and JeroMQ only, since Debian's libzmq has no draft API.
     */
    CLIENT_SERVER("CLIENT→SERVER", SocketKind.CLIENT, SocketKind.SERVER),
    /**
     * One publisher, {@value dev.weft.bench.peer.FanOutRun#SUBSCRIBERS} subscribers of everything
     * (fan-out runs only). The publisher is an XPUB so that it can count its subscribers before it
     * starts and choose between dropping and blocking at the high-water mark.
     */
    PUB_SUB("PUB→4 SUB", SocketKind.XPUB, SocketKind.SUB),
    /**
     * RADIO sends to one group, DISH joined it (lossy throughput only: a RADIO drops for a full
     * dish instead of waiting).
     */
    RADIO_DISH("RADIO→DISH", SocketKind.RADIO, SocketKind.DISH),
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
     * Returns the socket type of the side that originates messages (throughput sender, latency
     * client, fan-out publisher).
     *
     * @return the sender's kind
     */
    public SocketKind sender() {
        return sender;
    }

    /**
     * Returns the socket type of the side that receives first (throughput receiver, latency echo,
     * fan-out subscriber).
     *
     * @return the receiver's kind
     */
    public SocketKind receiver() {
        return receiver;
    }
}

package dev.weft.core;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * The ZeroMQ socket types, their wire names (the READY {@code Socket-Type} property) and which peer
 * types each may talk to (RFC 37 §The Socket-Type Property, RFC 28/29/30/31/41/48/49).
 *
 * <p>Only names travel on the wire; numeric codes differ between implementations and are never
 * exposed.
 */
public enum SocketType {
    /** Exclusive pair (RFC 31). */
    PAIR,
    /** Publisher (RFC 29). */
    PUB,
    /** Subscriber (RFC 29). */
    SUB,
    /** Requester (RFC 28). */
    REQ,
    /** Replier (RFC 28). */
    REP,
    /** Asynchronous requester/replier (RFC 28). */
    DEALER,
    /** Addressed asynchronous replier (RFC 28). */
    ROUTER,
    /** Pipeline sink (RFC 30). */
    PULL,
    /** Pipeline source (RFC 30). */
    PUSH,
    /** Publisher that sees subscriptions (RFC 29). */
    XPUB,
    /** Subscriber that sends raw subscriptions (RFC 29). */
    XSUB,
    /** Thread-safe addressed server (RFC 41). */
    SERVER,
    /** Thread-safe client (RFC 41). */
    CLIENT,
    /** Group publisher (RFC 48). */
    RADIO,
    /** Group subscriber (RFC 48). */
    DISH,
    /** Thread-safe pipeline sink (RFC 49). */
    GATHER,
    /** Thread-safe pipeline source (RFC 49). */
    SCATTER,
    /** Thread-safe addressed peer (RFC 51). */
    PEER,
    /** Thread-safe exclusive pair (RFC 52). */
    CHANNEL;

    private Set<SocketType> peers;

    static {
        PAIR.peers = EnumSet.of(PAIR);
        PUB.peers = EnumSet.of(SUB, XSUB);
        XPUB.peers = EnumSet.of(SUB, XSUB);
        SUB.peers = EnumSet.of(PUB, XPUB);
        XSUB.peers = EnumSet.of(PUB, XPUB);
        REQ.peers = EnumSet.of(REP, ROUTER);
        REP.peers = EnumSet.of(REQ, DEALER);
        DEALER.peers = EnumSet.of(REP, DEALER, ROUTER);
        ROUTER.peers = EnumSet.of(REQ, DEALER, ROUTER);
        PUSH.peers = EnumSet.of(PULL);
        PULL.peers = EnumSet.of(PUSH);
        CLIENT.peers = EnumSet.of(SERVER);
        SERVER.peers = EnumSet.of(CLIENT);
        RADIO.peers = EnumSet.of(DISH);
        DISH.peers = EnumSet.of(RADIO);
        SCATTER.peers = EnumSet.of(GATHER);
        GATHER.peers = EnumSet.of(SCATTER);
        PEER.peers = EnumSet.of(PEER);
        CHANNEL.peers = EnumSet.of(CHANNEL);
    }

    /**
     * Returns the name sent in the READY {@code Socket-Type} property.
     *
     * @return the upper-case wire name
     */
    public String wireName() {
        return name();
    }

    /**
     * Tells whether a peer of the given type is a legal partner for this type.
     *
     * @param peer the peer's announced type
     * @return true when RFC 37's table allows the pairing
     */
    public boolean isCompatibleWith(SocketType peer) {
        return peers.contains(peer);
    }

    /**
     * Returns the legal peer types of this type.
     *
     * @return an unmodifiable set
     */
    public Set<SocketType> compatiblePeers() {
        return java.util.Collections.unmodifiableSet(peers);
    }

    /**
     * Tells whether a connecting peer of this type announces an {@code Identity} in its READY, as
     * libzmq does for REQ, DEALER and ROUTER.
     *
     * @return true for REQ, DEALER and ROUTER
     */
    public boolean sendsIdentity() {
        return this == REQ || this == DEALER || this == ROUTER;
    }

    /**
     * Tells whether peers send this type subscriptions (PUB and XPUB), so that ZMTP 3.0
     * subscription messages ({@code 0x01}/{@code 0x00} + topic) are read as commands.
     *
     * @return true for PUB and XPUB
     */
    public boolean receivesSubscriptions() {
        return this == PUB || this == XPUB;
    }

    /**
     * Tells whether this type routes by the identity a peer announces (ROUTER), so that a peer can
     * only be used once its handshake has told who it is. SERVER and PEER route by ids they assign
     * themselves (RFC 41/51: they "SHALL NOT allow the peer to specify its routing id"), so like
     * libzmq they give a connected endpoint its queue, and its id, at connect.
     *
     * @return true for ROUTER
     */
    public boolean routesByPeerIdentity() {
        return this == ROUTER;
    }

    /**
     * Tells whether this type carries single-part messages only: the thread-safe draft family
     * (CLIENT, SERVER, RADIO, DISH, SCATTER, GATHER, PEER, CHANNEL), whose RFCs (41, 48, 49, 51,
     * 52) say it "MUST NOT allow multipart messages". Sending one throws; a peer sending one loses
     * its connection.
     *
     * @return true for the draft types
     */
    public boolean isSinglePart() {
        return switch (this) {
            case CLIENT, SERVER, RADIO, DISH, SCATTER, GATHER, PEER, CHANNEL -> true;
            default -> false;
        };
    }

    /**
     * Looks a type up by its wire name, ignoring case.
     *
     * @param wireName the {@code Socket-Type} property value
     * @return the type, or null when the name is unknown
     */
    public static SocketType fromWireName(String wireName) {
        String upper = wireName.toUpperCase(Locale.ROOT);
        for (SocketType t : values()) {
            if (t.name().equals(upper)) {
                return t;
            }
        }
        return null;
    }
}

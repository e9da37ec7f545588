package dev.weft.core.transport;

import dev.weft.core.Metadata;

/**
 * What a stream transport says about a peer it just accepted: served, with the facts the transport
 * learned about it (an ipc peer's user and group), or refused, with the reason.
 *
 * <p>The facts join the peer's handshake metadata once the handshake completes; a property of the
 * same name the peer sent in its handshake is replaced, so a peer cannot claim another's
 * credentials. Immutable.
 *
 * @param facts the properties the transport vouches for, empty when it has none
 * @param refusal why the peer must be closed at once, or null to serve it
 */
public record PeerAdmission(Metadata facts, String refusal) {
    /** A served peer of which the transport has nothing to tell. */
    public static final PeerAdmission SERVED = new PeerAdmission(Metadata.EMPTY, null);

    /**
     * Serves a peer, telling what the transport knows of it.
     *
     * @param facts the properties the transport vouches for
     * @return the admission
     */
    public static PeerAdmission served(Metadata facts) {
        return new PeerAdmission(facts, null);
    }

    /**
     * Refuses a peer.
     *
     * @param reason why, naming what was checked (for the monitor event and the log line)
     * @return the refusal
     */
    public static PeerAdmission refused(String reason) {
        return new PeerAdmission(Metadata.EMPTY, reason);
    }

    /**
     * Tells whether the peer must be closed instead of served.
     *
     * @return true for a refusal
     */
    public boolean isRefused() {
        return refusal != null;
    }

    /**
     * Returns handshake metadata with a transport's facts added, each replacing a property of the
     * same name the peer sent.
     *
     * @param fromPeer the metadata of the peer's handshake
     * @param facts the properties the transport vouches for
     * @return the merged metadata; {@code fromPeer} itself when there are no facts
     */
    public static Metadata withFacts(Metadata fromPeer, Metadata facts) {
        if (facts.properties().isEmpty()) {
            return fromPeer;
        }
        Metadata.Builder merged = Metadata.builder();
        for (Metadata.Property p : fromPeer.properties()) {
            merged.put(p.name(), p.value());
        }
        for (Metadata.Property p : facts.properties()) {
            merged.put(p.name(), p.value());
        }
        return merged.build();
    }
}

package dev.weft.core.pipe;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A pattern command between two peers' roles, carried by pipes both ways: a subscription (SUB to
 * PUB) or a group membership (DISH to RADIO). Over ZMTP it becomes the command of the same name (or
 * a ZMTP 3.0 subscription message); over inproc it travels as it is. Not a frame: the wire package
 * translates it.
 *
 * @param kind what the peer asks for
 * @param body the topic prefix or group; not copied, so never change it after creating the command
 */
public record PeerCommand(Kind kind, byte[] body) {
    /** What a command asks for. */
    public enum Kind {
        /** Send me messages whose first frame starts with the body. */
        SUBSCRIBE,
        /** Stop one earlier SUBSCRIBE of the same body. */
        CANCEL,
        /** Send me messages of the group named by the body. */
        JOIN,
        /** Stop sending me messages of the group named by the body. */
        LEAVE
    }

    /**
     * Creates a subscription command.
     *
     * @param topic the topic prefix (copied)
     * @return a SUBSCRIBE command
     */
    public static PeerCommand subscribe(byte[] topic) {
        return new PeerCommand(Kind.SUBSCRIBE, topic.clone());
    }

    /**
     * Creates an unsubscription command.
     *
     * @param topic the topic prefix (copied)
     * @return a CANCEL command
     */
    public static PeerCommand cancel(byte[] topic) {
        return new PeerCommand(Kind.CANCEL, topic.clone());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeerCommand c && c.kind == kind && Arrays.equals(c.body, body);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return kind + " " + HexFormat.of().formatHex(body);
    }
}

package dev.weft.core.zmtp;

import java.util.HexFormat;

/**
 * A pattern command between peers, normalized: SUBSCRIBE/CANCEL (RFC 29, 37) and JOIN/LEAVE (RFC
 * 48). The engine turns both wire forms of a subscription (a ZMTP 3.1 command, or a ZMTP 3.0
 * message starting with {@code 0x01}/{@code 0x00}) into one of these, and writes the right form for
 * each peer.
 *
 * @param name SUBSCRIBE, CANCEL, JOIN or LEAVE
 * @param data the topic or group (do not modify)
 */
public record Command(CommandName name, byte[] data) {
    /**
     * Creates a subscription command.
     *
     * @param topic the topic prefix (copied)
     * @return a SUBSCRIBE command
     */
    public static Command subscribe(byte[] topic) {
        return new Command(CommandName.SUBSCRIBE, topic.clone());
    }

    /**
     * Creates an unsubscription command.
     *
     * @param topic the topic prefix (copied)
     * @return a CANCEL command
     */
    public static Command cancel(byte[] topic) {
        return new Command(CommandName.CANCEL, topic.clone());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Command c && c.name == name && java.util.Arrays.equals(c.data, data);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + java.util.Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return name + " " + HexFormat.of().formatHex(data);
    }
}

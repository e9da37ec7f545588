package dev.weft.core;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Connection metadata exchanged in the handshake (RFC 37 §Connection Metadata): an ordered list of
 * properties whose names are case-insensitive and whose values are opaque bytes.
 *
 * <p>Immutable and thread-safe.
 */
public final class Metadata {
    /** The property naming the sender's socket type. */
    public static final String SOCKET_TYPE = "Socket-Type";

    /** The property naming the sender's routing id. */
    public static final String IDENTITY = "Identity";

    /**
     * The user id of an {@code ipc://} peer's process, in decimal, from the kernel ({@code
     * SO_PEERCRED}), never from the peer's handshake.
     */
    public static final String PEER_UID = "Peer-Uid";

    /** The group id of an {@code ipc://} peer's process, in decimal, from the kernel. */
    public static final String PEER_GID = "Peer-Gid";

    /**
     * The user name of an {@code ipc://} peer's process, from the kernel's user id and the system's
     * user database (the decimal id when the database has no name for it).
     */
    public static final String PEER_USER = "Peer-User";

    /** The group name of an {@code ipc://} peer's process (the decimal id when it has no name). */
    public static final String PEER_GROUP = "Peer-Group";

    /**
     * The property naming the remote address of the connection a message came on, such as {@code
     * 127.0.0.1:40112} (libzmq's {@code ZMQ_MSG_PROPERTY_PEER_ADDRESS}).
     */
    public static final String PEER_ADDRESS = "Peer-Address";

    /** Metadata with no properties. */
    public static final Metadata EMPTY = new Metadata(List.of());

    /**
     * One property.
     *
     * @param name the name as sent (compare ignoring case)
     * @param value the value bytes; do not modify
     */
    public record Property(String name, byte[] value) {}

    private final List<Property> properties;

    private Metadata(List<Property> properties) {
        this.properties = properties;
    }

    /**
     * Returns this metadata with one more property, or with that property's value replaced.
     *
     * @param name the property name
     * @param value the value bytes (copied)
     * @return new metadata; this one is unchanged
     */
    public Metadata with(String name, byte[] value) {
        Builder b = builder();
        for (Property p : properties) {
            b.put(p.name(), p.value());
        }
        // The builder replaces a property of the same name, whatever its case.
        return b.put(name, value).build();
    }

    /**
     * Starts an empty builder.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns a property's value.
     *
     * @param name the property name, any case
     * @return a copy of the value, or null when absent
     */
    public byte[] get(String name) {
        for (Property p : properties) {
            if (p.name().equalsIgnoreCase(name)) {
                return p.value().clone();
            }
        }
        return null;
    }

    /**
     * Returns a property's value decoded as UTF-8.
     *
     * @param name the property name, any case
     * @return the text, or null when absent
     */
    public String getString(String name) {
        byte[] v = get(name);
        return v == null ? null : new String(v, StandardCharsets.UTF_8);
    }

    /**
     * Returns the announced socket type name.
     *
     * @return the {@code Socket-Type} value, or null
     */
    public String socketType() {
        return getString(SOCKET_TYPE);
    }

    /**
     * Returns the announced identity.
     *
     * @return the {@code Identity} value (possibly empty), or null when absent
     */
    public byte[] identity() {
        return get(IDENTITY);
    }

    /**
     * Returns the properties in the order they were sent.
     *
     * @return an unmodifiable list
     */
    public List<Property> properties() {
        return properties;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Metadata{");
        for (Property p : properties) {
            sb.append(p.name()).append('=').append(p.value().length).append(" bytes ");
        }
        return sb.append('}').toString();
    }

    /** Builder of {@link Metadata}; not thread-safe. */
    public static final class Builder {
        private final List<Property> list = new ArrayList<>();

        private Builder() {}

        /**
         * Adds a property, replacing any earlier one of the same name in any case.
         *
         * @param name 1..255 characters of {@code A-Z a-z 0-9 - _ . +}
         * @param value 0..2^31-1 bytes (copied)
         * @return this builder
         * @throws IllegalArgumentException when the name breaks RFC 37's grammar
         */
        public Builder put(String name, byte[] value) {
            checkName(name);
            list.removeIf(p -> p.name().equalsIgnoreCase(name));
            list.add(new Property(name, value.clone()));
            return this;
        }

        /**
         * Adds a text property (UTF-8).
         *
         * @param name the property name
         * @param value the text
         * @return this builder
         */
        public Builder put(String name, String value) {
            return put(name, value.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * Builds the immutable metadata.
         *
         * @return the metadata
         */
        public Metadata build() {
            return new Metadata(Collections.unmodifiableList(new ArrayList<>(list)));
        }

        private static void checkName(String name) {
            if (name.isEmpty() || name.length() > 255) {
                throw new IllegalArgumentException(
                        "metadata name '"
                                + name
                                + "': "
                                + name.length()
                                + " characters (expected: 1..255)");
            }
            for (int i = 0; i < name.length(); i++) {
                char c = name.charAt(i);
                boolean ok =
                        (c >= 'a' && c <= 'z')
                                || (c >= 'A' && c <= 'Z')
                                || (c >= '0' && c <= '9')
                                || c == '-'
                                || c == '_'
                                || c == '.'
                                || c == '+';
                if (!ok) {
                    throw new IllegalArgumentException(
                            "metadata name '"
                                    + name
                                    + "': character '"
                                    + c
                                    + "' (expected: A-Z a-z 0-9 - _ . +)");
                }
            }
        }
    }
}

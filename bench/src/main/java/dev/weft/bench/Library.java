package dev.weft.bench;

import java.util.Locale;

/** A messaging implementation the harness can run a peer of. */
public enum Library {
    /** This project, through its public socket API. */
    WEFT("Weft"),
    /** JeroMQ, the pure-Java port of libzmq. */
    JEROMQ("JeroMQ"),
    /** libzmq through small C peers compiled at run time (when its headers are installed). */
    LIBZMQ("libzmq"),
    /** Plain blocking NIO socket channels: the physical reference, no messaging layer. */
    RAW_NIO("raw TCP (NIO)");

    private final String label;

    Library(String label) {
        this.label = label;
    }

    /**
     * Returns the name shown in tables and charts.
     *
     * @return e.g. {@code JeroMQ}
     */
    public String label() {
        return label;
    }

    /**
     * Returns the name used on command lines and in result files.
     *
     * @return e.g. {@code jeromq}
     */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * Parses a command-line name.
     *
     * @param name e.g. {@code weft} or {@code raw-nio}, case-insensitive
     * @return the library
     * @throws IllegalArgumentException when no library has that name
     */
    public static Library fromCliName(String name) {
        for (Library l : values()) {
            if (l.cliName().equalsIgnoreCase(name)) {
                return l;
            }
        }
        throw new IllegalArgumentException(
                "library: '" + name + "' (expected: weft, jeromq, libzmq or raw-nio)");
    }
}

package dev.weft.examples;

import java.util.Locale;

/**
 * One telemetry reading of the radio-dish example, sent as the UTF-8 body {@code seq=<n>
 * value=<v>}: the sequence number counts the readings of one group from 0, so a listener sees the
 * readings it missed as gaps.
 *
 * @param seq the reading's number within its group, from 0
 * @param value the simulated measurement
 */
record Reading(long seq, double value) {
    /**
     * The body text.
     *
     * @return {@code seq=<n> value=<v>}, the value with two decimals
     */
    String text() {
        return String.format(Locale.ROOT, "seq=%d value=%.2f", seq, value);
    }

    /**
     * Parses a body.
     *
     * @param text a message body
     * @return the reading, or null when the text is not of the form {@code seq=<n> value=<v>}
     */
    static Reading parse(String text) {
        String[] parts = text.split(" ", -1);
        if (parts.length != 2 || !parts[0].startsWith("seq=") || !parts[1].startsWith("value=")) {
            return null;
        }
        try {
            long seq = Long.parseLong(parts[0].substring(4));
            double value = Double.parseDouble(parts[1].substring(6));
            return seq < 0 ? null : new Reading(seq, value);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}

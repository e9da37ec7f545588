package dev.weft.core.zmtp;

import dev.weft.core.zmtp.GoldenVectors.Connection;
import dev.weft.core.zmtp.GoldenVectors.Direction;
import dev.weft.core.zmtp.GoldenVectors.Unit;
import java.util.Arrays;
import java.util.List;

/**
 * One golden byte stream of a vector file: a file, a connection and a direction whose bytes a real
 * peer sent (in a probe file only one direction is golden).
 *
 * @param file the vector file name
 * @param connection the connection number in the file
 * @param direction which peer's bytes
 */
record GoldenStream(String file, int connection, Direction direction) {

    static GoldenStream of(String file, Direction direction) {
        return new GoldenStream(file, 1, direction);
    }

    Connection load() {
        return GoldenVectors.load(file).connection(connection);
    }

    /** The whole stream, greeting included. */
    byte[] raw() {
        return load().raw(direction);
    }

    /** The stream after the 64-octet greeting: what the frame decoder sees. */
    byte[] afterGreeting() {
        byte[] raw = raw();
        return Arrays.copyOfRange(raw, Math.min(raw.length, Greeting.SIZE), raw.length);
    }

    /** The captured units after the greeting, one per frame. */
    List<Unit> frameUnits() {
        List<Unit> units = load().units(direction);
        return units.subList(1, units.size());
    }

    /** The frames the units hold, split into flags and body without the code under test. */
    List<DecodedFrame> expectedFrames() {
        return frameUnits().stream().map(u -> DecodedFrame.ofUnit(u.bytes())).toList();
    }

    /** The mechanism named in the greeting: NULL, PLAIN or CURVE. */
    String mechanism() {
        byte[] raw = raw();
        StringBuilder sb = new StringBuilder();
        for (int i = 12; i < 32 && raw[i] != 0; i++) {
            sb.append((char) raw[i]);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return file + (connection == 1 ? "" : " #" + connection) + " " + direction.label();
    }
}

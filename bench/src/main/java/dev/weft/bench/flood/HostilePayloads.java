package dev.weft.bench.flood;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * What one flooding connection sends: a valid ZMTP 3.1 greeting, a READY announcing a DEALER and
 * one message, written here octet by octet (RFC 37 §Formal Grammar) rather than by Weft's codec,
 * sometimes with a few octets changed at random. An intact one completes the handshake and queues
 * its message; a mutated one breaks some rule (signature, version, mechanism, command syntax, frame
 * size) or, when the change falls in padding or in the message body, passes anyway.
 *
 * <p>Not thread-safe: one per flooding thread.
 */
final class HostilePayloads {
    private final SplittableRandom random;
    private final double intactShare;
    private final byte[] valid;

    /**
     * Creates a generator.
     *
     * @param seed the mutation seed
     * @param intactShare the share of payloads, 0..1, returned unchanged
     * @param bodySize the message body's size in octets
     */
    HostilePayloads(long seed, double intactShare, int bodySize) {
        this.random = new SplittableRandom(seed);
        this.intactShare = intactShare;
        this.valid = validPayload(bodySize);
    }

    /**
     * Returns the next payload.
     *
     * @return a fresh array the caller may keep
     */
    byte[] next() {
        byte[] out = valid.clone();
        if (random.nextDouble() < intactShare) {
            return out;
        }
        int changes = 1 + random.nextInt(3);
        for (int i = 0; i < changes; i++) {
            out[random.nextInt(out.length)] = (byte) random.nextInt(256);
        }
        return out;
    }

    /**
     * Returns the valid payload every mutation starts from.
     *
     * @param bodySize the message body's size in octets
     * @return greeting + READY(Socket-Type=DEALER) + one message frame
     */
    static byte[] validPayload(int bodySize) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        // Greeting: signature (0xFF, 8 octets of padding, 0x7F), version 3.1, mechanism NULL
        // padded to 20 octets, as-server 0, 31 octets of filler: 64 octets.
        out.write(0xFF);
        out.writeBytes(new byte[8]);
        out.write(0x7F);
        out.write(3);
        out.write(1);
        byte[] mechanism = new byte[20];
        System.arraycopy(ascii("NULL"), 0, mechanism, 0, 4);
        out.writeBytes(mechanism);
        out.write(0);
        out.writeBytes(new byte[31]);
        // READY command (short command frame): name, then one property Socket-Type=DEALER.
        ByteArrayOutputStream ready = new ByteArrayOutputStream();
        ready.write(5);
        ready.writeBytes(ascii("READY"));
        byte[] name = ascii("Socket-Type");
        byte[] value = ascii("DEALER");
        ready.write(name.length);
        ready.writeBytes(name);
        ready.write(0);
        ready.write(0);
        ready.write(0);
        ready.write(value.length);
        ready.writeBytes(value);
        out.write(0x04);
        out.write(ready.size());
        out.writeBytes(ready.toByteArray());
        // One message of one frame: a short frame (size in one octet) up to 255 octets, a long
        // one (flag 0x02, size in eight octets) beyond.
        byte[] body = new byte[bodySize];
        byte[] text = ascii("flood-message-");
        for (int i = 0; i < bodySize; i++) {
            body[i] = i < text.length ? text[i] : (byte) 'x';
        }
        if (bodySize <= 255) {
            out.write(0x00);
            out.write(bodySize);
        } else {
            out.write(0x02);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) bodySize >>> shift) & 0xFF);
            }
        }
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}

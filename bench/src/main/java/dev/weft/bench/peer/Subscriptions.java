package dev.weft.bench.peer;

import java.util.Arrays;

/**
 * The subscription messages fan-out runs expect: subscribe ({@code 0x01}) to every topic, and at
 * the end its cancel ({@code 0x00}).
 */
final class Subscriptions {
    private static final byte[] SUBSCRIBE_ALL = {1};
    private static final byte[] CANCEL_ALL = {0};

    private Subscriptions() {}

    /**
     * Checks a message an XPUB received against "subscribe to everything".
     *
     * @param body the single frame's bytes
     * @throws BenchFailure when it is anything else (a cancel, a topic, a data message)
     */
    static void checkSubscribeAll(byte[] body) {
        check(body, SUBSCRIBE_ALL, "01, subscribe to everything");
    }

    /**
     * Checks a message an XPUB received against "cancel the subscription to everything".
     *
     * @param body the single frame's bytes
     * @throws BenchFailure when it is anything else
     */
    static void checkCancelAll(byte[] body) {
        check(body, CANCEL_ALL, "00, cancel the subscription to everything");
    }

    private static void check(byte[] body, byte[] expected, String what) {
        if (!Arrays.equals(body, expected)) {
            throw new BenchFailure(
                    "SUBSCRIPTION: got "
                            + body.length
                            + " bytes starting "
                            + (body.length == 0 ? "(empty)" : Integer.toHexString(body[0] & 0xff))
                            + " (expected: the single byte "
                            + what
                            + ")");
        }
    }
}

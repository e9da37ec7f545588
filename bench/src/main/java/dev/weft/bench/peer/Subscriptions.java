package dev.weft.bench.peer;

import java.util.Arrays;

/** The one subscription message fan-out runs expect: subscribe ({@code 0x01}) to every topic. */
final class Subscriptions {
    private static final byte[] SUBSCRIBE_ALL = {1};

    private Subscriptions() {}

    /**
     * Checks a message an XPUB received against "subscribe to everything".
     *
     * @param body the single frame's bytes
     * @throws BenchFailure when it is anything else (a cancel, a topic, a data message)
     */
    static void checkSubscribeAll(byte[] body) {
        if (!Arrays.equals(body, SUBSCRIBE_ALL)) {
            throw new BenchFailure(
                    "SUBSCRIPTION: got "
                            + body.length
                            + " bytes starting "
                            + (body.length == 0 ? "(empty)" : Integer.toHexString(body[0] & 0xff))
                            + " (expected: the single byte 01, subscribe to everything)");
        }
    }
}

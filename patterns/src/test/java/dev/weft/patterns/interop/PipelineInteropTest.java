package dev.weft.patterns.interop;

import static dev.weft.patterns.interop.Interop.assertFramesEqual;
import static dev.weft.patterns.interop.Interop.link;
import static dev.weft.patterns.interop.Interop.message;
import static dev.weft.patterns.interop.Interop.payload;
import static dev.weft.patterns.interop.Interop.receive;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.patterns.PullSocket;
import dev.weft.patterns.PushSocket;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** PUSH/PULL (RFC 30) against JeroMQ and libzmq, both roles, both bind sides. */
@Timeout(120)
class PipelineInteropTest extends InteropTestBase {
    @ParameterizedTest(name = "{0}, Weft binds: {1}")
    @MethodSource("dev.weft.patterns.interop.Interop#peersAndBindSides")
    void weftPushShouldDeliverToAPeerPull(InteropPeer.Kind kind, boolean weftBinds) {
        PushSocket push = new PushSocket(ctx);
        InteropPeer pull = start(kind, "PULL");
        link(push, pull, weftBinds);

        for (int i = 0; i < 3; i++) {
            assertThat(push.send(message(payload()))).isTrue();
        }
        for (int i = 0; i < 3; i++) {
            assertFramesEqual(pull.receive(Interop.WAIT), payload());
        }
    }

    @ParameterizedTest(name = "{0}, Weft binds: {1}")
    @MethodSource("dev.weft.patterns.interop.Interop#peersAndBindSides")
    void peerPushShouldDeliverToAWeftPull(InteropPeer.Kind kind, boolean weftBinds) {
        PullSocket pull = new PullSocket(ctx);
        InteropPeer push = start(kind, "PUSH");
        link(pull, push, weftBinds);

        for (int i = 0; i < 3; i++) {
            push.send(payload());
        }
        for (int i = 0; i < 3; i++) {
            assertFramesEqual(receive(pull), payload());
        }
    }
}

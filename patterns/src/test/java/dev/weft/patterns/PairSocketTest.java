package dev.weft.patterns;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Context;
import dev.weft.core.MonitorEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class PairSocketTest {
    private Context ctx;

    @BeforeEach
    void setUp() {
        ctx = Context.create();
    }

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    @Test
    void shouldExchangeMessagesBothWays() {
        PairSocket a = new PairSocket(ctx);
        String ep = a.bind("tcp://127.0.0.1:*");
        PairSocket b = new PairSocket(ctx);
        b.connect(ep);
        b.send("ping", "");
        assertThat(Received.texts(a)).containsExactly("ping", "");
        a.send("pong");
        assertThat(Received.texts(b)).containsExactly("pong");
    }

    @Test
    void shouldRefuseASecondPeerWhileTheFirstIsConnected() {
        PairSocket a = new PairSocket(ctx);
        EventLog events = EventLog.of(a);
        String ep = a.bind("tcp://127.0.0.1:*");
        PairSocket first = new PairSocket(ctx);
        first.connect(ep);
        first.send("one");
        assertThat(Received.texts(a)).containsExactly("one");

        PairSocket second = new PairSocket(ctx);
        second.connect(ep);

        assertThat(events.await(MonitorEvent.Type.PEER_REJECTED).detail())
                .contains("PAIR already has a peer");
        a.send("to-first");
        assertThat(Received.texts(first)).containsExactly("to-first");
    }
}

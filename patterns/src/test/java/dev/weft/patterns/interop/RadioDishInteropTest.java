package dev.weft.patterns.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.MonitorEvent;
import dev.weft.patterns.DishSocket;
import dev.weft.patterns.RadioSocket;
import dev.weft.patterns.WeftSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.zeromq.SocketType;
import zmq.Msg;

/**
 * RADIO/DISH (RFC 48) against JeroMQ 0.6.0 over tcp, Weft on either side and either binding. JeroMQ
 * greets as ZMTP 3.0 yet sends and expects JOIN and LEAVE as commands, and the group as a frame
 * before the body; exact matching, joins and leaves take effect both ways. (Debian's libzmq has no
 * draft API, and a draft socket type connecting over tcp aborts it, so it is not tested.)
 */
@Timeout(120)
class RadioDishInteropTest {
    private static final Duration HANDSHAKE_WAIT = Duration.ofSeconds(5);
    private static final int ATTEMPTS = 500;
    private static final String PROBE = "probe";

    private Context ctx;
    private JeroPeer peer;

    @BeforeEach
    void setUp() {
        ctx = Context.create();
    }

    @AfterEach
    void tearDown() {
        if (peer != null) {
            peer.close();
        }
        ctx.close();
    }

    private void link(WeftSocket weft, boolean weftBinds) {
        if (weftBinds) {
            AtomicInteger handshakes = new AtomicInteger();
            weft.addMonitor(
                    e -> {
                        if (e.type() == MonitorEvent.Type.HANDSHAKE_SUCCEEDED) {
                            handshakes.incrementAndGet();
                        }
                    });
            String ep = weft.bind("tcp://127.0.0.1:*");
            peer.connectWithRetry(ep, HANDSHAKE_WAIT, () -> handshakes.get() > 0);
        } else {
            weft.connect(peer.bind("tcp://127.0.0.1:*"));
        }
    }

    // ---- Weft RADIO to JeroMQ DISH. ----

    @ParameterizedTest(name = "Weft binds: {0}")
    @ValueSource(booleans = {true, false})
    void weftRadioShouldSendJoinedGroupsToJeroDish(boolean weftBinds) {
        peer = JeroPeer.start(SocketType.DISH);
        peer.configure(s -> s.setReceiveTimeOut(20));
        peer.configure(s -> s.join("weather"));
        RadioSocket radio = new RadioSocket(ctx);
        link(radio, weftBinds);
        probeUntilJeroReceives(radio, "weather");

        radio.send("weath", "near miss");
        radio.send("weather/eu", "near miss");
        radio.send("weather", "sunny");
        assertThat(nextAtJero()).isEqualTo("weather:sunny");

        // The LEAVE reached the Weft RADIO: it counts the group's messages as unroutable.
        peer.socket().leave("weather");
        peer.socket().join("sport");
        probeUntilJeroReceives(radio, "sport");
        long before = radio.stats().droppedUnroutable();
        radio.send("weather", "left");
        assertThat(radio.stats().droppedUnroutable()).isEqualTo(before + 1);
        radio.send("sport", "goal");
        assertThat(nextAtJero()).isEqualTo("sport:goal");
    }

    private void probeUntilJeroReceives(RadioSocket radio, String group) {
        for (int i = 0; i < ATTEMPTS; i++) {
            radio.send(group, PROBE);
            Msg m = peer.socket().recvMsg();
            if (m != null) {
                drainJero();
                return;
            }
        }
        throw new AssertionError("JeroMQ DISH's join of '" + group + "' never took effect");
    }

    private void drainJero() {
        for (int i = 0; i < 1_000 && peer.socket().recvMsg() != null; i++) {
            // Late probes.
        }
    }

    /** The next non-probe message at the JeroMQ DISH, "group:body". */
    private String nextAtJero() {
        for (int i = 0; i < ATTEMPTS; i++) {
            Msg m = peer.socket().recvMsg();
            if (m == null) {
                continue;
            }
            String body = new String(m.data(), StandardCharsets.UTF_8);
            if (!body.equals(PROBE)) {
                return m.getGroup() + ":" + body;
            }
        }
        throw new AssertionError("nothing arrived at the JeroMQ DISH");
    }

    // ---- JeroMQ RADIO to Weft DISH. ----

    @ParameterizedTest(name = "Weft binds: {0}")
    @ValueSource(booleans = {true, false})
    void jeroRadioShouldSendJoinedGroupsToWeftDish(boolean weftBinds) {
        peer = JeroPeer.start(SocketType.RADIO);
        DishSocket dish = new DishSocket(ctx).join("weather");
        link(dish, weftBinds);
        probeUntilWeftReceives(dish, "weather");

        jeroSend("weath", "near miss");
        jeroSend("weather/eu", "near miss");
        jeroSend("weather", "sunny");
        assertThat(nextAtWeft(dish)).isEqualTo("weather:sunny");

        // LEAVE then JOIN travel in order: once "sport" arrives, JeroMQ has processed the LEAVE.
        dish.leave("weather");
        dish.join("sport");
        probeUntilWeftReceives(dish, "sport");
        jeroSend("weather", "left");
        jeroSend("sport", "goal");
        assertThat(nextAtWeft(dish)).isEqualTo("sport:goal");
        try (Message m = dish.receive(Duration.ofMillis(100))) {
            assertThat(m).isNull();
        }
    }

    private void jeroSend(String group, String body) {
        Msg m = new Msg(body.getBytes(StandardCharsets.UTF_8));
        m.setGroup(group);
        assertThat(peer.socket().sendMsg(m)).isTrue();
    }

    private void probeUntilWeftReceives(DishSocket dish, String group) {
        for (int i = 0; i < ATTEMPTS; i++) {
            jeroSend(group, PROBE);
            try (Message m = dish.receive(Duration.ofMillis(20))) {
                if (m != null) {
                    for (int j = 0; j < 1_000; j++) {
                        try (Message late = dish.receive(Duration.ofMillis(50))) {
                            if (late == null) {
                                return;
                            }
                        }
                    }
                    return;
                }
            }
        }
        throw new AssertionError("Weft DISH's join of '" + group + "' never reached JeroMQ");
    }

    private static String nextAtWeft(DishSocket dish) {
        for (int i = 0; i < ATTEMPTS; i++) {
            try (Message m = dish.receive(Duration.ofSeconds(10))) {
                assertThat(m).as("a message at the Weft DISH").isNotNull();
                String body = m.frame(0).toString(StandardCharsets.UTF_8);
                if (!body.equals(PROBE)) {
                    return m.group() + ":" + body;
                }
            }
        }
        throw new AssertionError("only probes arrived at the Weft DISH");
    }
}

package dev.weft.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.MonitorEvent;
import dev.weft.patterns.DishSocket;
import dev.weft.patterns.RadioSocket;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RADIO/DISH on the wire against a scripted ZMTP peer (RFC 37 §The Radio-Dish Pattern): what Weft
 * writes (JOIN and LEAVE commands, to ZMTP 3.0 and 3.1 peers alike; the group frame before the
 * body), and that a peer breaking the form loses only its own connection, with a monitor event
 * naming the rule, while a good peer goes on being served.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class RadioDishWireTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final Queue<MonitorEvent> events = new ConcurrentLinkedQueue<>();
    private Context context;

    @BeforeEach
    void setUp() {
        context = Context.create();
    }

    @AfterEach
    void tearDown() {
        context.close();
    }

    @ParameterizedTest(name = "peer greets as ZMTP 3.{0}")
    @ValueSource(ints = {0, 1})
    @DisplayName("RFC 37: to join a group, the DISH peer SHALL send a JOIN command")
    void dishShouldSendJoinAndLeaveAsCommands(int minor) {
        DishSocket dish = new DishSocket(context).join("weather");
        String ep = dish.bind("tcp://127.0.0.1:*");
        try (ZmtpScriptedPeer radio = ZmtpScriptedPeer.connect(ep)) {
            radio.sendGreeting(3, minor, "NULL").sendReady("RADIO");
            radio.expectGreeting(TIMEOUT);
            radio.expectReady(TIMEOUT);
            assertThat(radio.expectCommand("JOIN", TIMEOUT)).asString(UTF_8).isEqualTo("weather");

            dish.leave("weather");
            assertThat(radio.expectCommand("LEAVE", TIMEOUT)).asString(UTF_8).isEqualTo("weather");

            radio.sendMessage(bytes("sport"), bytes("not joined"));
            dish.join("news");
            assertThat(radio.expectCommand("JOIN", TIMEOUT)).asString(UTF_8).isEqualTo("news");
            radio.sendMessage(bytes("news"), bytes("flash"));
            try (Message m = dish.receive(TIMEOUT)) {
                assertThat(m.group()).isEqualTo("news");
                assertThat(m.strings()).containsExactly("flash");
            }
        }
    }

    @Test
    @DisplayName(
            "RFC 37: RADIO sends the group and the message over the wire as a two parts message")
    void radioShouldWriteTheGroupFrameThenTheBody() {
        RadioSocket radio = new RadioSocket(context);
        String ep = radio.bind("tcp://127.0.0.1:*");
        try (ZmtpScriptedPeer dish = ZmtpScriptedPeer.connect(ep)) {
            dish.handshake("DISH", TIMEOUT);
            dish.sendCommand("JOIN", bytes("weather"));
            await().atMost(TIMEOUT)
                    .until(
                            () -> {
                                long before = radio.stats().droppedUnroutable();
                                radio.send("weather", "sunny");
                                return radio.stats().droppedUnroutable() == before;
                            });

            assertThat(dish.expectMessage(TIMEOUT))
                    .extracting(b -> new String(b, UTF_8))
                    .containsExactly("weather", "sunny");
        }
    }

    @Test
    void radioShouldCloseAPeerWhoseJoinHasAnEmptyGroup() {
        RadioSocket radio = new RadioSocket(context);
        radio.addMonitor(events::add);
        String ep = radio.bind("tcp://127.0.0.1:*");
        try (ZmtpScriptedPeer bad = ZmtpScriptedPeer.connect(ep)) {
            bad.handshake("DISH", TIMEOUT);
            bad.sendCommand("JOIN", new byte[0]);
            assertClosedFor(bad, "MALFORMED_COMMAND", "JOIN with a group of 0 octets");
        }
    }

    @Test
    void dishShouldCloseARadioSendingABodyWithoutAGroupFrame() {
        assertDishClosesRadioFor(new byte[][] {bytes("lonely body")}, "a body without a group");
    }

    @Test
    void dishShouldCloseARadioSendingAGroupFrameOver255Octets() {
        assertDishClosesRadioFor(
                new byte[][] {"g".repeat(256).getBytes(UTF_8), bytes("body")},
                "group frame of 256 octets");
    }

    @Test
    void dishShouldCloseARadioSendingAMultipartBody() {
        assertDishClosesRadioFor(
                new byte[][] {bytes("g"), bytes("part 1"), bytes("part 2")}, "3 frames");
    }

    /** A good Weft RADIO and a scripted bad one on one DISH: only the bad one is closed. */
    private void assertDishClosesRadioFor(byte[][] frames, String detail) {
        DishSocket dish = new DishSocket(context).join("g");
        dish.addMonitor(events::add);
        String ep = dish.bind("tcp://127.0.0.1:*");
        RadioSocket good = new RadioSocket(context);
        good.connect(ep);
        try (ZmtpScriptedPeer bad = ZmtpScriptedPeer.connect(ep)) {
            bad.handshake("RADIO", TIMEOUT);
            bad.expectCommand("JOIN", TIMEOUT);
            bad.sendMessage(frames);
            assertClosedFor(bad, "MALFORMED_MESSAGE", detail);
        }
        // The good radio is still served.
        String got = null;
        for (int i = 0; i < 500 && got == null; i++) {
            good.send("g", "still here");
            try (Message m = dish.receive(Duration.ofMillis(20))) {
                got = m == null ? null : m.strings().get(0);
            }
        }
        assertThat(got).isEqualTo("still here");
    }

    private void assertClosedFor(ZmtpScriptedPeer peer, String rule, String detail) {
        String address = peer.localAddress();
        assertThat(peer.awaitClosedByPeer(TIMEOUT)).as("closed for %s", rule).isTrue();
        await().atMost(TIMEOUT)
                .until(
                        () ->
                                events.stream()
                                        .anyMatch(
                                                e ->
                                                        e.type() == MonitorEvent.Type.DISCONNECTED
                                                                && address.equals(
                                                                        e.peerAddress())));
        MonitorEvent e =
                events.stream()
                        .filter(
                                x ->
                                        x.type() == MonitorEvent.Type.DISCONNECTED
                                                && address.equals(x.peerAddress()))
                        .findFirst()
                        .orElseThrow();
        assertThat(e.detail()).startsWith(rule + ":").contains(detail);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }
}

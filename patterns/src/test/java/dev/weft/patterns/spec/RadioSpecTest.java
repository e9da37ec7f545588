package dev.weft.patterns.spec;

import static dev.weft.patterns.spec.Groups.awaitJoined;
import static dev.weft.patterns.spec.Groups.awaitNotJoined;
import static dev.weft.patterns.spec.Groups.next;
import static dev.weft.patterns.spec.Traffic.awaitPeers;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.MonitorEvent;
import dev.weft.patterns.DishSocket;
import dev.weft.patterns.MessageReceiver;
import dev.weft.patterns.MessageSender;
import dev.weft.patterns.RadioSocket;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * RFC 48/RADIO-DISH, the RADIO socket type, over tcp: one test per SHALL that the API makes
 * observable. What a RADIO chose to send is seen through its counters: a message no dish joined is
 * counted unroutable, one a full dish missed is counted at the high-water mark.
 *
 * <p>Not tested here: "SHALL silently discard any messages that dishes send it" (a DISH cannot
 * send; the role drains and releases whatever arrives) and "MUST be thread-safe"
 * (RadioDishTransportTest sends from eight threads at once).
 */
@Timeout(60)
@DisplayName("RFC 48 RADIO")
class RadioSpecTest {
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
    @DisplayName(
            "\"MAY be connected to any number of DISH sockets, and SHALL only send messages.\"")
    void shouldOnlySendToAnyNumberOfDishes() {
        assertThat(MessageSender.class.isAssignableFrom(RadioSocket.class)).isFalse();
        assertThat(MessageReceiver.class.isAssignableFrom(RadioSocket.class)).isFalse();
        RadioSocket radio = new RadioSocket(ctx);
        String ep = radio.bind("tcp://127.0.0.1:*");
        DishSocket a = new DishSocket(ctx).join("g");
        DishSocket b = new DishSocket(ctx).join("g");
        a.connect(ep);
        b.connect(ep);
        awaitJoined(radio, a, "g");
        awaitJoined(radio, b, "g");

        radio.send("g", "news");

        assertThat(next(a)).isEqualTo("g:news");
        assertThat(next(b)).isEqualTo("g:news");
    }

    @Test
    @DisplayName("\"SHALL perform a group membership check using exact matching algorithm.\"")
    void shouldSendOnlyToDishesOfExactlyTheGroup() {
        RadioSocket radio = new RadioSocket(ctx);
        String ep = radio.bind("tcp://127.0.0.1:*");
        DishSocket dish = new DishSocket(ctx).join("weather");
        dish.connect(ep);
        awaitJoined(radio, dish, "weather");
        long unroutable = radio.stats().droppedUnroutable();

        radio.send("weath", "prefix of the group");
        radio.send("weather/eu", "group is a prefix");
        radio.send("Weather", "case differs");
        radio.send("weather", "exact");

        assertThat(next(dish)).isEqualTo("weather:exact");
        // The near misses never left the radio: no dish joined their groups.
        assertThat(radio.stats().droppedUnroutable() - unroutable).isEqualTo(3);
        Traffic.assertNothingArrives(dish, Duration.ofMillis(100));
    }

    @Test
    @DisplayName("\"SHALL NOT block on sending.\" (no dish at all: dropped and counted)")
    void shouldDropAndCountWithNoDish() {
        RadioSocket radio = new RadioSocket(ctx);
        radio.bind("tcp://127.0.0.1:*");

        for (int i = 0; i < 100; i++) {
            radio.send("g", "into the void");
        }

        assertThat(radio.stats().droppedUnroutable()).isEqualTo(100);
        assertThat(radio.stats().messagesSent()).isEqualTo(100);
    }

    @Test
    @DisplayName("\"SHALL silently drop the message if the queue for a dish is full.\"")
    void shouldDropAndCountWhenADishIsFull() {
        RadioSocket radio = new RadioSocket(ctx, Traffic.tiny());
        String ep = radio.bind("tcp://127.0.0.1:*");
        DishSocket dish = new DishSocket(ctx, Traffic.tiny()).join("g");
        dish.connect(ep);
        awaitJoined(radio, dish, "g");

        // The dish reads nothing: its path fills and every later send is dropped at once.
        int sent = 0;
        for (int i = 0; i < Traffic.MAX_FILL && radio.stats().droppedAtHwm() < 10; i++) {
            Message m = Traffic.bigOnePart(i).group("g");
            radio.send(m);
            sent++;
        }

        assertThat(radio.stats().droppedAtHwm()).isGreaterThanOrEqualTo(10).isLessThan(sent);
        assertThat(radio.stats().messagesSent()).isGreaterThanOrEqualTo(sent);
        assertThat(radio.canSend()).isTrue();
    }

    @Test
    @DisplayName(
            "\"If this socket disconnects, the RADIO socket SHALL destroy its queue\" (and forget"
                    + " its groups)")
    void shouldForgetADepartedDishsGroups() {
        RadioSocket radio = new RadioSocket(ctx);
        String ep = radio.bind("tcp://127.0.0.1:*");
        DishSocket dish = new DishSocket(ctx, Traffic.noLinger()).join("g");
        dish.connect(ep);
        awaitJoined(radio, dish, "g");

        dish.close();
        awaitPeers(radio, 0);

        long before = radio.stats().droppedUnroutable();
        radio.send("g", "nobody left");
        assertThat(radio.stats().droppedUnroutable()).isEqualTo(before + 1);
    }

    @Test
    @DisplayName("\"SHALL receive join and leave commands from dishes\"")
    void shouldStopSendingAGroupADishLeft() {
        RadioSocket radio = new RadioSocket(ctx);
        String ep = radio.bind("tcp://127.0.0.1:*");
        DishSocket dish = new DishSocket(ctx).join("a").join("b");
        dish.connect(ep);
        awaitJoined(radio, dish, "a");
        awaitJoined(radio, dish, "b");

        dish.leave("a");
        awaitNotJoined(radio, "a");

        radio.send("b", "still joined");
        assertThat(next(dish)).isEqualTo("b:still joined");
    }

    @Test
    @DisplayName(
            "\"SHALL create a queue when initiating an outgoing connection to a socket\" (a dish"
                    + " behind a restarted endpoint joins afresh)")
    void shouldForgetTheGroupsOfAConnectionThatWasReplaced() {
        String ep = Traffic.unusedEndpoint();
        RadioSocket radio = new RadioSocket(ctx, Traffic.queueEarly());
        Traffic.Events events = Traffic.Events.of(radio);
        radio.connect(ep);
        DishSocket first = new DishSocket(ctx, Traffic.noLinger()).join("a");
        first.bind(ep);
        awaitJoined(radio, first, "a");
        first.close();
        events.awaitFirst(MonitorEvent.Type.DISCONNECTED);

        DishSocket second = new DishSocket(ctx, Traffic.noLinger()).join("b");
        second.bind(ep);
        awaitJoined(radio, second, "b");

        // The same queue serves the new dish, which never joined "a".
        assertThat(radio.stats().peers()).hasSize(1);
        long before = radio.stats().droppedUnroutable();
        radio.send("a", "for the first dish only");
        assertThat(radio.stats().droppedUnroutable()).isEqualTo(before + 1);
    }

    @Test
    void shouldRefuseAMessageWithoutAGroupAndLeaveItWithTheCaller() {
        RadioSocket radio = new RadioSocket(ctx);
        Message m = Message.of("no group");
        try {
            assertThatThrownBy(() -> radio.send(m))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no group");
            assertThat(m.frame(0).content().refCnt()).isEqualTo(1);
        } finally {
            m.close();
        }
    }

    @Test
    @DisplayName("Group: \"Length MUST be between 0 to 255 bytes.\" (Weft: 1 to 255, as libzmq)")
    void shouldRefuseGroupsOutsideOneTo255Octets() {
        RadioSocket radio = new RadioSocket(ctx);

        assertThatThrownBy(() -> radio.send("", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: 1..255 octets");
        assertThatThrownBy(() -> radio.send("g".repeat(256), "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256 octets");
        // 128 two-octet characters: 256 octets of UTF-8.
        assertThatThrownBy(() -> radio.send("\u00e9".repeat(128), "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256 octets");
        radio.send("g".repeat(255), "x");
        assertThat(radio.stats().droppedUnroutable()).isEqualTo(1);
    }
}

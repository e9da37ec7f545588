package dev.weft.patterns.spec;

import static dev.weft.patterns.spec.Groups.awaitJoined;
import static dev.weft.patterns.spec.Groups.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.Context;
import dev.weft.core.InvalidEndpointException;
import dev.weft.patterns.DishSocket;
import dev.weft.patterns.PubSocket;
import dev.weft.patterns.RadioSocket;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * RADIO and DISH over {@code udp://} (libzmq's datagrams): the RADIO sends every group, since no
 * DISH can send JOIN over udp, and each DISH keeps exactly its own groups (RFC 48: "MAY, depending
 * on the transport, send all messages to all dishes"; "MAY, depending on the transport, filter
 * messages according to group membership, using a exact matching algorithm"). Unicast and multicast
 * on the loopback interface, which needs no privilege.
 */
@Timeout(60)
class RadioDishUdpTest {
    private static final Duration QUIET = Duration.ofMillis(200);

    private Context ctx;
    // An organisation-local group (RFC 2365) of its own per run, so parallel runs do not meet.
    private final String group =
            "239.255."
                    + ThreadLocalRandom.current().nextInt(1, 255)
                    + "."
                    + ThreadLocalRandom.current().nextInt(1, 255);

    @BeforeEach
    void setUp() {
        ctx = Context.create();
    }

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    @Test
    @DisplayName("udp unicast: the RADIO sends all groups, the DISH keeps exact matches only")
    void shouldDeliverOnlyTheDishsGroupsExactlyOverUnicast() {
        DishSocket dish = new DishSocket(ctx).join("weather");
        RadioSocket radio = new RadioSocket(ctx);
        radio.connect(dish.bind("udp://127.0.0.1:*"));

        radio.send("weath", "near miss");
        radio.send("weather/eu", "near miss");
        radio.send("sport", "3-1");
        radio.send("weather", "sunny");

        assertThat(next(dish)).isEqualTo("weather:sunny");
        Traffic.assertNothingArrives(dish, QUIET);
        assertThat(radio.stats().droppedUnroutable())
                .as("a udp endpoint takes every group")
                .isZero();
    }

    @Test
    @DisplayName("udp multicast: two DISHes on one group address each get only their groups")
    void shouldGiveEachDishOnlyItsGroupsOverMulticast() {
        DishSocket temperature = new DishSocket(ctx).join("temperature");
        String bound = temperature.bind("udp://127.0.0.1;" + group + ":*");
        String port = bound.substring(bound.lastIndexOf(':') + 1);
        DishSocket humidity = new DishSocket(ctx).join("humidity");
        humidity.bind("udp://lo;" + group + ":" + port);
        RadioSocket radio = new RadioSocket(ctx);

        radio.connect("udp://127.0.0.1;" + group + ":" + port);
        radio.send("humidity", "40%");
        radio.send("temperature", "21.5");
        radio.send("pressure", "1013");

        assertThat(next(temperature)).isEqualTo("temperature:21.5");
        assertThat(next(humidity)).isEqualTo("humidity:40%");
        Traffic.assertNothingArrives(temperature, QUIET);
        Traffic.assertNothingArrives(humidity, QUIET);
    }

    @Test
    @DisplayName("A DISH's leave takes effect at once over udp: it filters by its own groups")
    void shouldStopDeliveringAGroupTheDishLeft() {
        DishSocket dish = new DishSocket(ctx).join("a").join("b");
        RadioSocket radio = new RadioSocket(ctx);
        radio.connect(dish.bind("udp://127.0.0.1:*"));

        dish.leave("b");
        radio.send("b", "left");
        radio.send("a", "kept");

        assertThat(next(dish)).isEqualTo("a:kept");
        Traffic.assertNothingArrives(dish, QUIET);
    }

    @Test
    @DisplayName("One RADIO over tcp and udp at once: tcp by joins, udp every group")
    void shouldFilterByJoinsOverTcpAndSendEveryGroupOverUdp() {
        DishSocket overTcp = new DishSocket(ctx).join("x");
        DishSocket overUdp = new DishSocket(ctx).join("y");
        RadioSocket radio = new RadioSocket(ctx);
        radio.connect(overTcp.bind("tcp://127.0.0.1:*"));
        radio.connect(overUdp.bind("udp://127.0.0.1:*"));
        awaitJoined(radio, overTcp, "x");

        radio.send("y", "by datagram");
        radio.send("x", "by stream");

        assertThat(next(overTcp)).isEqualTo("x:by stream");
        assertThat(next(overUdp)).isEqualTo("y:by datagram");
        Traffic.assertNothingArrives(overTcp, QUIET);
    }

    @Test
    @DisplayName(
            "RADIO never blocks: with nobody listening on udp, sends go out and are not errors")
    void shouldNeverBlockWithNobodyListening() {
        RadioSocket radio = new RadioSocket(ctx);
        DishSocket gone = new DishSocket(ctx);
        String endpoint = gone.bind("udp://127.0.0.1:*");
        gone.close();
        radio.connect(endpoint);

        for (int i = 0; i < 5_000; i++) {
            radio.send("g", "into the void");
        }

        assertThat(radio.stats().droppedDatagrams()).isZero();
    }

    @Test
    @DisplayName("udp is for RADIO (connect) and DISH (bind) only, as in libzmq")
    void shouldRefuseUdpForOtherUses() {
        RadioSocket radio = new RadioSocket(ctx);
        DishSocket dish = new DishSocket(ctx);
        PubSocket pub = new PubSocket(ctx);

        assertThatThrownBy(() -> radio.bind("udp://127.0.0.1:*"))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageContaining("a RADIO socket cannot bind udp://");
        assertThatThrownBy(() -> dish.connect("udp://127.0.0.1:5555"))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageContaining("a DISH socket cannot connect udp://");
        assertThatThrownBy(() -> pub.connect("udp://127.0.0.1:5555"))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageContaining("a PUB socket cannot connect udp://");
    }
}

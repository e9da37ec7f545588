package dev.weft.patterns.spec;

import static dev.weft.patterns.spec.Groups.awaitJoined;
import static dev.weft.patterns.spec.Groups.next;
import static dev.weft.patterns.spec.Traffic.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketStats;
import dev.weft.patterns.DishSocket;
import dev.weft.patterns.MessageReceiver;
import dev.weft.patterns.MessageSender;
import dev.weft.patterns.RadioSocket;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * RFC 48/RADIO-DISH, the DISH socket type, over tcp: one test per SHALL that the API makes
 * observable, plus joining and leaving (libzmq's {@code zmq_join}/{@code zmq_leave} rules) and
 * joining again after a reconnect.
 */
@Timeout(60)
@DisplayName("RFC 48 DISH")
class DishSpecTest {
    private static final SocketOptions FAST_RECONNECT =
            SocketOptions.builder()
                    .reconnectInterval(Duration.ofMillis(20))
                    .reconnectIntervalMax(Duration.ofMillis(100))
                    .linger(Duration.ZERO)
                    .build();

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
    @DisplayName("\"SHALL attach the group to the message.\" \"SHALL deliver messages\"")
    void shouldReceiveEachMessageWithItsGroup() {
        assertThat(MessageReceiver.class).isAssignableFrom(DishSocket.class);
        assertThat(MessageSender.class.isAssignableFrom(DishSocket.class)).isFalse();
        DishSocket dish = new DishSocket(ctx).join("a").join("b");
        String ep = dish.bind("tcp://127.0.0.1:*");
        RadioSocket radio = new RadioSocket(ctx);
        radio.connect(ep);
        awaitJoined(radio, dish, "a");
        awaitJoined(radio, dish, "b");

        radio.send("a", "one");
        radio.send("b", "two");

        assertThat(next(dish)).isEqualTo("a:one");
        assertThat(next(dish)).isEqualTo("b:two");
    }

    @Test
    @DisplayName(
            "\"MAY ... filter messages according to group membership, using a exact matching"
                    + " algorithm.\" (a group left while its messages were in flight)")
    void shouldNotDeliverMessagesOfAGroupLeftWhileInFlight() {
        DishSocket dish = new DishSocket(ctx).join("a").join("b");
        String ep = dish.bind("tcp://127.0.0.1:*");
        RadioSocket radio = new RadioSocket(ctx);
        radio.connect(ep);
        awaitJoined(radio, dish, "a");
        awaitJoined(radio, dish, "b");

        radio.send("a", "in flight");
        radio.send("b", "kept");
        // Both are queued in the dish before it leaves "a".
        await().atMost(WAIT)
                .until(
                        () ->
                                dish.stats().peers().stream()
                                                .mapToInt(SocketStats.PeerStats::inboundDepth)
                                                .sum()
                                        == 2);
        dish.leave("a");

        assertThat(next(dish)).isEqualTo("b:kept");
        Traffic.assertNothingArrives(dish, Duration.ofMillis(100));
    }

    @Test
    @DisplayName(
            "\"SHALL receive incoming messages from its sockets using a fair-queuing strategy.\"")
    void shouldReceiveFromEveryRadio() {
        DishSocket dish = new DishSocket(ctx).join("g");
        String ep = dish.bind("tcp://127.0.0.1:*");
        RadioSocket r1 = new RadioSocket(ctx);
        RadioSocket r2 = new RadioSocket(ctx);
        r1.connect(ep);
        r2.connect(ep);
        awaitJoined(r1, dish, "g");
        awaitJoined(r2, dish, "g");

        for (int i = 0; i < 5; i++) {
            r1.send("g", "r1");
            r2.send("g", "r2");
        }

        Set<String> from = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            from.add(next(dish));
        }
        assertThat(from).containsExactlyInAnyOrder("g:r1", "g:r2");
    }

    @Test
    void shouldJoinAGroupBeforeConnectingAndAfter() {
        RadioSocket radio = new RadioSocket(ctx);
        String ep = radio.bind("tcp://127.0.0.1:*");
        DishSocket dish = new DishSocket(ctx).join("before");
        dish.connect(ep);
        awaitJoined(radio, dish, "before");

        dish.join("after");
        awaitJoined(radio, dish, "after");

        radio.send("after", "x");
        assertThat(next(dish)).isEqualTo("after:x");
    }

    @Test
    @DisplayName("A DISH joins every group again on a RADIO restarted on the same endpoint")
    void shouldJoinAgainAfterTheRadioRestarts() {
        RadioSocket first = new RadioSocket(ctx, Traffic.noLinger());
        String ep = first.bind("tcp://127.0.0.1:*");
        DishSocket dish = new DishSocket(ctx, FAST_RECONNECT).join("a").join("b");
        dish.connect(ep);
        awaitJoined(first, dish, "a");

        first.close();
        Traffic.awaitConnectedPeers(dish, 0);
        RadioSocket second = new RadioSocket(ctx, Traffic.noLinger());
        assertThat(second.bind(ep)).isEqualTo(ep);

        // Only JOINs sent again reach the new radio.
        awaitJoined(second, dish, "a");
        awaitJoined(second, dish, "b");
        second.send("b", "after restart");
        assertThat(next(dish)).isEqualTo("b:after restart");
        assertThat(dish.stats().reconnects()).isPositive();
    }

    @Test
    void shouldRefuseToJoinAJoinedGroupOrLeaveAGroupNotJoined() {
        DishSocket dish = new DishSocket(ctx).join("g");

        assertThatThrownBy(() -> dish.join("g"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("join: group 'g' is already joined (expected: a group not joined)");
        assertThatThrownBy(() -> dish.leave("h"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("leave: group 'h' is not joined (expected: a joined group)");
        dish.leave("g");
        assertThatThrownBy(() -> dish.leave("g")).isInstanceOf(IllegalArgumentException.class);
        dish.join("g");
    }

    @Test
    @DisplayName("Group: \"Length MUST be between 0 to 255 bytes.\" (Weft: 1 to 255, as libzmq)")
    void shouldRefuseGroupsOutsideOneTo255Octets() {
        DishSocket dish = new DishSocket(ctx);

        assertThatThrownBy(() -> dish.join(""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("join: group '' (0 octets) (expected: 1..255 octets of UTF-8)");
        assertThatThrownBy(() -> dish.join(null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("join: group null");
        assertThatThrownBy(() -> dish.join("g".repeat(256)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("(256 octets)");
        assertThatThrownBy(() -> dish.leave("\u00e9".repeat(128)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("leave: group")
                .hasMessageContaining("(256 octets)");
        dish.join("g".repeat(255));
    }

    @Test
    void shouldDeliverA255OctetGroup() {
        String group = "\u00e9".repeat(127) + "g";
        DishSocket dish = new DishSocket(ctx).join(group);
        String ep = dish.bind("tcp://127.0.0.1:*");
        RadioSocket radio = new RadioSocket(ctx);
        radio.connect(ep);
        awaitJoined(radio, dish, group);

        radio.send(group, "long");
        try (Message m = dish.receive(WAIT)) {
            assertThat(m.group()).isEqualTo(group);
        }
    }
}

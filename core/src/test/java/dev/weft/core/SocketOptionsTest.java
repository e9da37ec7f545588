package dev.weft.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The options record: defaults, validation messages, routing id rules and copies. */
class SocketOptionsTest {

    @Test
    void shouldHaveTheDocumentedDefaults() {
        SocketOptions o = SocketOptions.DEFAULTS;

        assertThat(o.sendHwm()).isEqualTo(1000);
        assertThat(o.receiveHwm()).isEqualTo(1000);
        assertThat(o.linger()).isEqualTo(Duration.ofSeconds(1));
        assertThat(o.reconnectInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(o.reconnectIntervalMax()).as("libzmq: no backoff").isZero();
        assertThat(o.immediate()).as("libzmq: queue from connect() on").isFalse();
        assertThat(o.handshakeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.maxMessageSize()).isEqualTo(64L * 1024 * 1024);
        assertThat(o.routingId()).isNull();
        assertThat(o.sendTimeout()).isNull();
        assertThat(o.receiveTimeout()).isNull();
        assertThat(o.heartbeatInterval()).isZero();
        assertThat(o.heartbeatTimeout()).as("defaults to heartbeatInterval").isZero();
        assertThat(o.heartbeatTtl()).isZero();
    }

    @Test
    void shouldShareNoPortAndLimitNoConnectionsByDefaultLikeLibzmq() {
        assertThat(SocketOptions.DEFAULTS.reusePort()).isFalse();
        assertThat(SocketOptions.DEFAULTS.maxConnections()).isZero();
        SocketOptions o = SocketOptions.builder().reusePort(true).maxConnections(2).build();
        assertThat(o.toBuilder().build()).isEqualTo(o);
        assertThat(o.reusePort()).isTrue();
        assertThat(o.maxConnections()).isEqualTo(2);
        assertInvalid(
                () -> SocketOptions.builder().maxConnections(-1),
                "maxConnections: -1 (expected: >= 0)");
    }

    @Test
    void shouldNameTheOptionAndTheRangeForNegativeHwms() {
        assertInvalid(() -> SocketOptions.builder().sendHwm(-1), "sendHwm: -1 (expected: >= 0)");
        assertInvalid(
                () -> SocketOptions.builder().receiveHwm(-5), "receiveHwm: -5 (expected: >= 0)");
        assertThat(SocketOptions.builder().sendHwm(0).receiveHwm(0).build().sendHwm()).isZero();
    }

    @Test
    void shouldNameTheOptionAndTheRangeForBadDurations() {
        Duration minus = Duration.ofMillis(-1);
        assertInvalid(
                () -> SocketOptions.builder().linger(minus),
                "linger: PT-0.001S (expected: a duration >= 0)");
        assertInvalid(
                () -> SocketOptions.builder().linger(null),
                "linger: null (expected: a duration >= 0)");
        assertInvalid(
                () -> SocketOptions.builder().reconnectInterval(Duration.ZERO),
                "reconnectInterval: PT0S (expected: a duration > 0)");
        assertInvalid(
                () -> SocketOptions.builder().reconnectIntervalMax(minus),
                "reconnectIntervalMax: PT-0.001S (expected: 0 for no backoff, or a duration >="
                        + " reconnectInterval)");
        assertInvalid(
                () -> SocketOptions.builder().handshakeTimeout(Duration.ZERO),
                "handshakeTimeout: PT0S (expected: a duration > 0)");
        assertInvalid(
                () -> SocketOptions.builder().sendTimeout(minus),
                "sendTimeout: PT-0.001S (expected: a duration >= 0)");
        assertInvalid(
                () -> SocketOptions.builder().receiveTimeout(minus),
                "receiveTimeout: PT-0.001S (expected: a duration >= 0)");
        assertInvalid(
                () -> SocketOptions.builder().heartbeatInterval(minus),
                "heartbeatInterval: PT-0.001S (expected: a duration >= 0)");
        assertInvalid(
                () -> SocketOptions.builder().heartbeatTimeout(Duration.ZERO),
                "heartbeatTimeout: PT0S (expected: a duration > 0)");
        assertInvalid(
                () -> SocketOptions.builder().heartbeatTtl(minus),
                "heartbeatTtl: PT-0.001S (expected: a duration >= 0)");
    }

    @Test
    void shouldAcceptNullTimeoutsAsWaitForever() {
        SocketOptions o =
                SocketOptions.builder()
                        .sendTimeout(Duration.ofSeconds(1))
                        .sendTimeout(null)
                        .receiveTimeout(null)
                        .build();

        assertThat(o.sendTimeout()).isNull();
        assertThat(o.receiveTimeout()).isNull();
    }

    @Test
    void shouldBoundTheHeartbeatTtlBySixteenBitsOfDeciseconds() {
        assertThat(
                        SocketOptions.builder()
                                .heartbeatTtl(Duration.ofMillis(6_553_500))
                                .build()
                                .heartbeatTtl())
                .isEqualTo(Duration.ofMillis(6_553_500));
        assertInvalid(
                () -> SocketOptions.builder().heartbeatTtl(Duration.ofSeconds(6554)),
                "heartbeatTtl: PT1H49M14S (expected: at most 6553.5 s)");
        assertThatThrownBy(
                        () ->
                                SocketOptions.builder()
                                        .heartbeatTtl(Duration.ofSeconds(Long.MAX_VALUE)))
                .as("a duration too long for milliseconds is still a range error")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("heartbeatTtl: ")
                .hasMessageContaining("expected: at most 6553.5 s");
    }

    @Test
    void shouldRequireAPositiveMaxMessageSize() {
        assertInvalid(
                () -> SocketOptions.builder().maxMessageSize(0),
                "maxMessageSize: 0 (expected: 1..2147483631)");
        assertInvalid(
                () -> SocketOptions.builder().maxMessageSize(-1),
                "maxMessageSize: -1 (expected: 1..2147483631)");
    }

    @Test
    void shouldRejectAReconnectMaxBelowTheInterval() {
        assertInvalid(
                () ->
                        SocketOptions.builder()
                                .reconnectInterval(Duration.ofSeconds(2))
                                .reconnectIntervalMax(Duration.ofSeconds(1))
                                .build(),
                "reconnectIntervalMax: PT1S (expected: 0 for no backoff, or >= reconnectInterval"
                        + " PT2S)");
    }

    @Test
    void shouldAcceptZeroOrAtLeastTheIntervalAsReconnectMax() {
        assertThat(
                        SocketOptions.builder()
                                .reconnectInterval(Duration.ofSeconds(2))
                                .reconnectIntervalMax(Duration.ZERO)
                                .build()
                                .reconnectIntervalMax())
                .isZero();
        assertThat(
                        SocketOptions.builder()
                                .reconnectInterval(Duration.ofSeconds(2))
                                .reconnectIntervalMax(Duration.ofSeconds(2))
                                .build()
                                .reconnectIntervalMax())
                .isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void shouldApplyRoutingIdRules() {
        assertInvalid(
                () -> SocketOptions.builder().routingId(new byte[0]),
                "routingId: 0 bytes (expected: 1..255 bytes)");
        assertInvalid(
                () -> SocketOptions.builder().routingId(""),
                "routingId: 0 bytes (expected: 1..255 bytes)");
        assertInvalid(
                () -> SocketOptions.builder().routingId(new byte[256]),
                "routingId: 256 bytes (expected: 1..255 bytes)");
        assertThatThrownBy(() -> SocketOptions.builder().routingId(new byte[] {0, 'a'}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(
                        "routingId: starts with 0x00 (expected: a first byte other than zero");

        byte[] max = new byte[255];
        max[0] = 1;
        assertThat(SocketOptions.builder().routingId(max).build().routingId()).hasSize(255);
        assertThat(
                        SocketOptions.builder()
                                .routingId("client-1")
                                .routingId((String) null)
                                .build()
                                .routingId())
                .isNull();
    }

    @Test
    void shouldCopyTheRoutingIdInAndOut() {
        byte[] id = "client-1".getBytes();
        SocketOptions o = SocketOptions.builder().routingId(id).build();
        id[0] = 'X';
        o.routingId()[1] = 'X';

        assertThat(o.routingId()).asString().isEqualTo("client-1");
    }

    @Test
    void shouldRoundTripThroughToBuilder() {
        SocketOptions o =
                SocketOptions.builder()
                        .sendHwm(5)
                        .receiveHwm(6)
                        .linger(Duration.ZERO)
                        .routingId("r")
                        .heartbeatInterval(Duration.ofMillis(100))
                        .heartbeatTtl(Duration.ofSeconds(1))
                        .build();

        assertThat(o.toBuilder().build()).isEqualTo(o).hasSameHashCodeAs(o);
        assertThat(o.toBuilder().sendHwm(7).build()).isNotEqualTo(o);
        assertThat(o.heartbeatTimeout()).isEqualTo(Duration.ofMillis(100));
    }

    @Test
    void shouldBoundWhatDepartedPeersHoldByDefaultAndRequireAPositiveBudget() {
        assertThat(SocketOptions.DEFAULTS.departedPeerBudget()).isEqualTo(32L * 1024 * 1024);
        assertThat(SocketOptions.builder().departedPeerBudget(1).build().departedPeerBudget())
                .isEqualTo(1);
        assertInvalid(
                () -> SocketOptions.builder().departedPeerBudget(0),
                "departedPeerBudget: 0 (expected: > 0 bytes)");
        assertInvalid(
                () -> SocketOptions.builder().departedPeerBudget(-5),
                "departedPeerBudget: -5 (expected: > 0 bytes)");
        SocketOptions o = SocketOptions.builder().departedPeerBudget(4096).build();
        assertThat(o.toBuilder().build()).isEqualTo(o);
        assertThat(o).isNotEqualTo(SocketOptions.DEFAULTS);
    }

    @Test
    void shouldKeepReconnectingWaitForTheSystemAndLeaveKeepaliveAloneByDefaultLikeLibzmq() {
        SocketOptions o = SocketOptions.DEFAULTS;

        assertThat(o.reconnectStop()).isEmpty();
        assertThat(o.connectTimeout()).isZero();
        assertThat(o.tcpKeepalive()).isEqualTo(Keepalive.SYSTEM_DEFAULT);
        assertThat(o.tcpKeepaliveIdle()).isZero();
        assertThat(o.tcpKeepaliveCount()).isZero();
        assertThat(o.tcpKeepaliveInterval()).isZero();
    }

    @Test
    void shouldRoundTripTheLivenessOptionsAndCopyTheStopConditions() {
        Set<ReconnectStop> conditions = EnumSet.of(ReconnectStop.CONNECTION_REFUSED);
        SocketOptions o =
                SocketOptions.builder()
                        .reconnectStop(conditions)
                        .connectTimeout(Duration.ofMillis(250))
                        .tcpKeepalive(Keepalive.ON)
                        .tcpKeepaliveIdle(Duration.ofSeconds(30))
                        .tcpKeepaliveCount(4)
                        .tcpKeepaliveInterval(Duration.ofSeconds(5))
                        .build();
        conditions.add(ReconnectStop.AFTER_DISCONNECT);

        assertThat(o.toBuilder().build()).isEqualTo(o);
        assertThat(o.reconnectStop()).containsExactly(ReconnectStop.CONNECTION_REFUSED);
        assertThatThrownBy(() -> o.reconnectStop().add(ReconnectStop.HANDSHAKE_FAILED))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(o.connectTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(o.tcpKeepaliveCount()).isEqualTo(4);
        assertThat(
                        SocketOptions.builder()
                                .reconnectStop(
                                        ReconnectStop.HANDSHAKE_FAILED,
                                        ReconnectStop.AFTER_DISCONNECT)
                                .build()
                                .reconnectStop())
                .containsExactly(ReconnectStop.HANDSHAKE_FAILED, ReconnectStop.AFTER_DISCONNECT);
    }

    @Test
    void shouldNameTheOptionAndTheRangeForBadLivenessValues() {
        assertInvalid(
                () -> SocketOptions.builder().connectTimeout(Duration.ofSeconds(-1)),
                "connectTimeout: PT-1S (expected: a duration >= 0)");
        assertInvalid(
                () -> SocketOptions.builder().reconnectStop((Set<ReconnectStop>) null),
                "reconnectStop: null (expected: a set of [CONNECTION_REFUSED, HANDSHAKE_FAILED,"
                        + " AFTER_DISCONNECT], possibly empty)");
        assertInvalid(
                () -> SocketOptions.builder().tcpKeepalive(null),
                "tcpKeepalive: null (expected: one of [SYSTEM_DEFAULT, OFF, ON])");
        assertInvalid(
                () -> SocketOptions.builder().tcpKeepaliveIdle(Duration.ofMillis(1500)),
                "tcpKeepaliveIdle: PT1.5S (expected: 0 for the system's, or whole seconds"
                        + " 1..32767)");
        assertInvalid(
                () -> SocketOptions.builder().tcpKeepaliveInterval(Duration.ofSeconds(-1)),
                "tcpKeepaliveInterval: PT-1S (expected: 0 for the system's, or whole seconds"
                        + " 1..32767)");
        assertInvalid(
                () -> SocketOptions.builder().tcpKeepaliveCount(128),
                "tcpKeepaliveCount: 128 (expected: 0 for the system's, or 1..127)");
    }

    private static void assertInvalid(ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }

    @Test
    void shouldSendMulticastOneHopAndLoopItBackByDefaultLikeLibzmq() {
        assertThat(SocketOptions.DEFAULTS.multicastHops()).isEqualTo(1);
        assertThat(SocketOptions.DEFAULTS.multicastLoop()).isTrue();
        SocketOptions o = SocketOptions.builder().multicastHops(255).multicastLoop(false).build();
        assertThat(o.toBuilder().build()).isEqualTo(o);
        assertThat(o.multicastHops()).isEqualTo(255);
        assertThat(o.multicastLoop()).isFalse();
        assertThatThrownBy(() -> SocketOptions.builder().multicastHops(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("multicastHops: 0 (expected: 1..255)");
        assertThatThrownBy(() -> SocketOptions.builder().multicastHops(256))
                .hasMessage("multicastHops: 256 (expected: 1..255)");
    }
}

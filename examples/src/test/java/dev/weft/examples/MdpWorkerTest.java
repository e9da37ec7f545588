package dev.weft.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.patterns.RouterSocket;
import io.netty.buffer.Unpooled;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link MdpWorker} against a fake broker: a ROUTER the test drives frame by frame. */
@Timeout(60)
class MdpWorkerTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration HEARTBEAT = Duration.ofMillis(100);

    private Context ctx;
    private RouterSocket broker;
    private String endpoint;

    @BeforeEach
    void start() {
        ctx = Context.create();
        broker = new RouterSocket(ctx);
        endpoint = broker.bind("tcp://127.0.0.1:*");
    }

    @AfterEach
    void stop() {
        ctx.close();
    }

    @Test
    void shouldRegisterWithReadyAndAnswerRequestsWithAPrefixedEcho() throws Exception {
        try (RunningMdpWorker worker =
                RunningMdpWorker.start(ctx, endpoint, "echo", HEARTBEAT, "p:")) {
            List<byte[]> ready = next();
            assertThat(text(ready.subList(1, 5))).containsExactly("", "MDPW01", "\u0001", "echo");
            byte[] id = ready.get(0);

            send(id, "", "MDPW01", "\u0002", "client-1", "", "hi", "there");
            List<byte[]> reply = nextCommand();
            assertThat(reply.get(0)).isEqualTo(id);
            assertThat(text(reply.subList(1, reply.size())))
                    .containsExactly("", "MDPW01", "\u0003", "client-1", "", "p:hi", "there");
            // The counter moves just after the send, so the reply may arrive before it does.
            await().atMost(WAIT).until(() -> worker.worker().served() == 1);
        }
    }

    @Test
    @DisplayName(
            "RFC 7: both broker and worker MUST send heartbeats at regular and agreed-upon intervals")
    void shouldHeartbeatTheBroker() throws Exception {
        try (RunningMdpWorker worker =
                RunningMdpWorker.start(ctx, endpoint, "beat", HEARTBEAT, "")) {
            byte[] id = next().get(0);
            for (int i = 0; i < 3; i++) {
                List<byte[]> beat = next();
                assertThat(beat.get(0)).isEqualTo(id);
                assertThat(text(beat.subList(1, 4))).containsExactly("", "MDPW01", "\u0004");
                send(id, "", "MDPW01", "\u0004");
            }
            assertThat(worker.worker().connects()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName(
            "RFC 7: if the worker detects that the broker has disconnected, it SHOULD restart a new conversation")
    void shouldStartOverOnANewSocketWhenTheBrokerIsSilent() throws Exception {
        try (RunningMdpWorker worker =
                RunningMdpWorker.start(ctx, endpoint, "lonely", HEARTBEAT, "")) {
            byte[] first = next().get(0);
            byte[] second = nextReadyFromAnotherSocket(first);
            assertThat(second).isNotEqualTo(first);
            assertThat(worker.worker().connects()).isEqualTo(2);
            assertThat(worker.log()).contains("broker silent");
        }
    }

    @Test
    @DisplayName(
            "RFC 7: when the worker receives DISCONNECT it MUST close its socket, and reconnect on a new socket")
    void shouldStartOverOnANewSocketAfterDisconnect() throws Exception {
        try (RunningMdpWorker worker =
                RunningMdpWorker.start(ctx, endpoint, "bounced", HEARTBEAT, "")) {
            byte[] first = next().get(0);
            send(first, "", "MDPW01", "\u0005");
            nextReadyFromAnotherSocket(first);
            assertThat(worker.log()).contains("broker sent DISCONNECT");
        }
    }

    @Test
    @DisplayName("RFC 7: the worker MAY send DISCONNECT at any time")
    void shouldSendDisconnectWhenClosed() throws Exception {
        RunningMdpWorker worker = RunningMdpWorker.start(ctx, endpoint, "leaving", HEARTBEAT, "");
        byte[] id = next().get(0);
        worker.close();
        List<byte[]> last = nextCommand();
        assertThat(last.get(0)).isEqualTo(id);
        assertThat(text(last.subList(1, last.size()))).containsExactly("", "MDPW01", "\u0005");
    }

    @Test
    void shouldDropInvalidCommandsAndKeepWorking() throws Exception {
        try (RunningMdpWorker worker =
                RunningMdpWorker.start(ctx, endpoint, "sturdy", HEARTBEAT, "")) {
            byte[] id = next().get(0);
            send(id, "junk");
            send(id, "", "MDPW01", "\u0009");
            send(id, "", "MDPW01", "\u0002", "client-without-delimiter");
            send(id, "", "MDPW01", "\u0002", "client-2", "", "fine");
            List<byte[]> reply = nextCommand();
            assertThat(text(reply.subList(1, reply.size())))
                    .containsExactly("", "MDPW01", "\u0003", "client-2", "", "fine");
            assertThat(worker.log()).contains("dropped an invalid message");
            assertThat(worker.worker().connects()).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("RFC 8: services starting with \"mmi.\" are the broker's")
    void shouldRefuseToRegisterForAnMmiService() {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        assertThatThrownBy(() -> new MdpWorker(ctx, endpoint, "mmi.service", HEARTBEAT, 3, nowhere))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mmi.");
    }

    @Test
    void shouldPrefixTheFirstFrameOnlyOrEchoAsIs() {
        try (Message echoed = MdWorkerCommand.prefixEcho("").apply(Message.of("a", "b"))) {
            assertThat(echoed.strings()).containsExactly("a", "b");
        }
        UnaryOperator<Message> prefixed = MdWorkerCommand.prefixEcho("é:");
        try (Message m = prefixed.apply(Message.of("a", "b"))) {
            assertThat(m.strings()).containsExactly("é:a", "b");
        }
    }

    /** Waits for READY from a routing id other than {@code previous}, skipping other commands. */
    private byte[] nextReadyFromAnotherSocket(byte[] previous) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            List<byte[]> m = next();
            if (!Arrays.equals(m.get(0), previous) && text(m).get(3).equals("\u0001")) {
                return m.get(0);
            }
        }
        throw new AssertionError("no READY from a new socket within " + WAIT);
    }

    /** The next message at the fake broker that is not a HEARTBEAT. */
    private List<byte[]> nextCommand() {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            List<byte[]> m = next();
            if (!(m.size() == 4 && text(m).get(3).equals("\u0004"))) {
                return m;
            }
        }
        throw new AssertionError("only heartbeats for " + WAIT);
    }

    /** The next message at the fake broker. */
    private List<byte[]> next() {
        try (Message m = broker.receive(WAIT)) {
            assertThat(m).as("a message within %s", WAIT).isNotNull();
            List<byte[]> frames = new ArrayList<>();
            for (int i = 0; i < m.size(); i++) {
                frames.add(m.frame(i).toByteArray());
            }
            return frames;
        }
    }

    private void send(byte[] id, String... frames) {
        Message m = Message.of(frames).addFirst(Unpooled.wrappedBuffer(id));
        assertThat(broker.send(m, WAIT)).isTrue();
    }

    private static List<String> text(List<byte[]> frames) {
        return frames.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList();
    }
}

package dev.weft.patterns.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Message;
import dev.weft.core.MonitorEvent;
import dev.weft.patterns.MessageReceiver;
import dev.weft.patterns.WeftSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Shared steps of the interop tests: linking the two sides, payloads, frame comparison. */
final class Interop {
    static final Duration WAIT = Duration.ofSeconds(10);

    private Interop() {}

    /** Every peer kind with both bind sides: (kind, weftBinds). */
    static Stream<Arguments> peersAndBindSides() {
        List<Arguments> out = new ArrayList<>();
        for (InteropPeer.Kind kind : InteropPeer.Kind.values()) {
            out.add(Arguments.of(kind, true));
            out.add(Arguments.of(kind, false));
        }
        return out.stream();
    }

    /** Connects the two sides over tcp, Weft binding or the peer binding. */
    static void link(WeftSocket weft, InteropPeer peer, boolean weftBinds) {
        link(weft, peer, weftBinds, "tcp://127.0.0.1:*");
    }

    /**
     * Connects the two sides, Weft binding or the peer binding an endpoint, and the other
     * connecting to what the bind reported.
     */
    static void link(WeftSocket weft, InteropPeer peer, boolean weftBinds, String bindEndpoint) {
        if (weftBinds) {
            AtomicInteger handshakes = new AtomicInteger();
            weft.addMonitor(
                    e -> {
                        if (e.type() == MonitorEvent.Type.HANDSHAKE_SUCCEEDED) {
                            handshakes.incrementAndGet();
                        }
                    });
            String ep = weft.bind(bindEndpoint);
            peer.connect(ep, () -> handshakes.get() > 0);
        } else {
            weft.connect(peer.bind(bindEndpoint));
        }
    }

    /** Multipart, empty, 255/256-octet boundary and a 1 MiB frame. */
    static List<byte[]> payload() {
        byte[] mib = new byte[1024 * 1024];
        for (int i = 0; i < mib.length; i++) {
            mib[i] = (byte) (i * 31 + 7);
        }
        return List.of(bytes("topic"), new byte[0], filled(255), filled(256), mib);
    }

    static byte[] filled(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    static Message message(List<byte[]> frames) {
        Message m = new Message(frames.size());
        frames.forEach(m::add);
        return m;
    }

    static Message message(String... frames) {
        return Message.of(frames);
    }

    static List<byte[]> receive(MessageReceiver socket) {
        try (Message m = socket.receive(WAIT)) {
            assertThat(m).as("message on %s within %s", socket, WAIT).isNotNull();
            List<byte[]> out = new ArrayList<>();
            for (int i = 0; i < m.size(); i++) {
                out.add(m.frame(i).toByteArray());
            }
            return out;
        }
    }

    static void assertFramesEqual(List<byte[]> actual, List<byte[]> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i)).as("frame %d", i).isEqualTo(expected.get(i));
        }
    }

    static List<String> texts(List<byte[]> frames) {
        return frames.stream().map(Interop::text).toList();
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }
}

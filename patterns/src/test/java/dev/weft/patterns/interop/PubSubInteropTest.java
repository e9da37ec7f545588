package dev.weft.patterns.interop;

import static dev.weft.patterns.interop.Interop.bytes;
import static dev.weft.patterns.interop.Interop.link;
import static dev.weft.patterns.interop.Interop.message;
import static dev.weft.patterns.interop.Interop.texts;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Message;
import dev.weft.patterns.MessageReceiver;
import dev.weft.patterns.MessageSender;
import dev.weft.patterns.PubSocket;
import dev.weft.patterns.SubSocket;
import dev.weft.patterns.WeftSocket;
import dev.weft.patterns.XPubSocket;
import dev.weft.patterns.XSubSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PUB/SUB, XPUB/SUB, PUB/XSUB and XPUB/XSUB (RFC 29) against JeroMQ (ZMTP 3.0: subscriptions as
 * 0x01/0x00 messages) and libzmq (ZMTP 3.1: SUBSCRIBE/CANCEL commands), Weft publishing or
 * subscribing, both bind sides: filtering by prefix, subscribe and unsubscribe round trips.
 */
@Timeout(120)
class PubSubInteropTest extends InteropTestBase {
    private static final Duration POLL = Duration.ofMillis(20);

    static Stream<Arguments> publisherTypes() {
        return combine("PUB", "XPUB");
    }

    static Stream<Arguments> subscriberTypes() {
        return combine("SUB", "XSUB");
    }

    private static Stream<Arguments> combine(String... types) {
        List<Arguments> out = new ArrayList<>();
        for (String type : types) {
            for (InteropPeer.Kind kind : InteropPeer.Kind.values()) {
                for (String peerType : new String[] {"SUB", "XSUB", "PUB", "XPUB"}) {
                    boolean weftPublishes = type.endsWith("PUB");
                    if (weftPublishes == peerType.endsWith("PUB")) {
                        continue;
                    }
                    out.add(Arguments.of(type, kind, peerType, true));
                    out.add(Arguments.of(type, kind, peerType, false));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "Weft {0} to {1} {2}, Weft binds: {3}")
    @MethodSource("publisherTypes")
    void weftPublisherShouldFilterByThePeersSubscriptions(
            String weftType, InteropPeer.Kind kind, String peerType, boolean weftBinds) {
        WeftSocket publisher = weftType.equals("PUB") ? new PubSocket(ctx) : new XPubSocket(ctx);
        InteropPeer subscriber = start(kind, peerType);
        link(publisher, subscriber, weftBinds);
        subscriber.subscribe(bytes("weather"));
        if (publisher instanceof XPubSocket xpub) {
            assertThat(texts(subscriptionAt(xpub, subscriber))).containsExactly("\u0001weather");
        }

        List<byte[]> got = publishUntilReceived((MessageSender) publisher, subscriber);
        assertThat(texts(got)).containsExactly("weather", "sunny");

        subscriber.unsubscribe(bytes("weather"));
        if (publisher instanceof XPubSocket xpub) {
            assertThat(texts(subscriptionAt(xpub, subscriber))).containsExactly("\u0000weather");
        }
    }

    @ParameterizedTest(name = "Weft {0} from {1} {2}, Weft binds: {3}")
    @MethodSource("subscriberTypes")
    void weftSubscriberShouldReceiveOnlyWhatItSubscribedTo(
            String weftType, InteropPeer.Kind kind, String peerType, boolean weftBinds) {
        WeftSocket subscriber;
        if (weftType.equals("SUB")) {
            subscriber = new SubSocket(ctx).subscribe("weather");
        } else {
            subscriber = new XSubSocket(ctx);
        }
        InteropPeer publisher = start(kind, peerType);
        link(subscriber, publisher, weftBinds);
        if (subscriber instanceof XSubSocket xsub) {
            xsub.subscribe("weather");
        }
        if (peerType.equals("XPUB")) {
            assertThat(texts(publisher.receive(Interop.WAIT))).containsExactly("\u0001weather");
        }

        MessageReceiver in = (MessageReceiver) subscriber;
        List<byte[]> got = null;
        for (int i = 0; i < 250 && got == null; i++) {
            publisher.send(List.of(bytes("news"), bytes("ignored")));
            publisher.send(List.of(bytes("weather"), bytes("sunny")));
            try (Message m = in.receive(POLL)) {
                if (m != null) {
                    got = new ArrayList<>();
                    for (int f = 0; f < m.size(); f++) {
                        got.add(m.frame(f).toByteArray());
                    }
                }
            }
        }
        assertThat(got).as("a matching message within 250 tries").isNotNull();
        assertThat(texts(got)).containsExactly("weather", "sunny");

        if (subscriber instanceof SubSocket sub) {
            sub.unsubscribe("weather");
        } else {
            ((XSubSocket) subscriber).unsubscribe("weather");
        }
        if (peerType.equals("XPUB")) {
            assertThat(texts(publisher.receive(Interop.WAIT))).containsExactly("\u0000weather");
        }
    }

    /**
     * Publishes a non-matching and a matching message until the subscriber gets one (slow joiner).
     */
    private static List<byte[]> publishUntilReceived(
            MessageSender publisher, InteropPeer subscriber) {
        for (int i = 0; i < 250; i++) {
            publisher.send(message("news", "ignored"));
            publisher.send(message("weather", "sunny"));
            Optional<List<byte[]>> got = subscriber.tryReceive(POLL);
            if (got.isPresent()) {
                return got.get();
            }
        }
        throw new AssertionError("no matching message reached the subscriber in 250 tries");
    }

    /**
     * Waits for a subscription message at a Weft XPUB. libzmq and JeroMQ attach a new connection's
     * pipe, and so send their stored subscriptions, only when the application next calls into the
     * socket; polling the peer lets it do that.
     */
    private static List<byte[]> subscriptionAt(XPubSocket xpub, InteropPeer subscriber) {
        for (int i = 0; i < 250; i++) {
            try (Message m = xpub.receive(POLL)) {
                if (m != null) {
                    List<byte[]> frames = new ArrayList<>();
                    for (int f = 0; f < m.size(); f++) {
                        frames.add(m.frame(f).toByteArray());
                    }
                    return frames;
                }
            }
            subscriber.tryReceive(Duration.ofMillis(1));
        }
        throw new AssertionError("no subscription message reached the XPUB in 250 polls");
    }
}

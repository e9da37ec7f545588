package dev.weft.patterns.spec;

import static dev.weft.patterns.spec.Groups.awaitJoined;
import static dev.weft.patterns.spec.Groups.awaitNotJoined;
import static dev.weft.patterns.spec.Groups.next;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Context;
import dev.weft.core.Message;
import dev.weft.core.SocketOptions;
import dev.weft.patterns.DishSocket;
import dev.weft.patterns.RadioSocket;
import dev.weft.patterns.WeftSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * RADIO and DISH behave the same over tcp, ipc and inproc (where the group travels with the message
 * and JOIN/LEAVE as pipe commands), with either side binding; and both are safe from many threads
 * at once (RFC 48: "MUST be thread-safe and allow sending from multiple threads", "... receiving
 * from multiple threads").
 */
@Timeout(120)
class RadioDishTransportTest {
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final Pattern BODY = Pattern.compile("s[0-7]:\\d{1,4}");

    @TempDir Path dir;

    private Context ctx;

    @BeforeEach
    void setUp() {
        ctx = Context.create();
    }

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    static Stream<Arguments> transportsAndSides() {
        List<Arguments> out = new ArrayList<>();
        for (String t : List.of("tcp", "ipc", "inproc")) {
            out.add(Arguments.of(t, true));
            out.add(Arguments.of(t, false));
        }
        return out.stream();
    }

    /** Binds one socket and connects the other over the transport; returns nothing. */
    private void link(String transport, WeftSocket bound, WeftSocket connecting) {
        String ep =
                switch (transport) {
                    case "tcp" -> "tcp://127.0.0.1:*";
                    case "ipc" -> "ipc://" + dir.resolve("rd" + NAMES.incrementAndGet() + ".sock");
                    case "inproc" -> "inproc://radio-dish-" + NAMES.incrementAndGet();
                    default -> throw new IllegalArgumentException(transport);
                };
        connecting.connect(bound.bind(ep));
    }

    private void link(String transport, boolean radioBinds, RadioSocket radio, DishSocket dish) {
        if (radioBinds) {
            link(transport, radio, dish);
        } else {
            link(transport, dish, radio);
        }
    }

    @ParameterizedTest(name = "{0}, RADIO binds: {1}")
    @MethodSource("transportsAndSides")
    @DisplayName("Groups match exactly; JOIN and LEAVE take effect")
    void shouldDeliverJoinedGroupsExactlyAndStopAfterLeave(String transport, boolean radioBinds) {
        RadioSocket radio = new RadioSocket(ctx);
        DishSocket dish = new DishSocket(ctx).join("weather");
        link(transport, radioBinds, radio, dish);
        awaitJoined(radio, dish, "weather");

        radio.send("weath", "near miss");
        radio.send("weather/eu", "near miss");
        radio.send("weather", "sunny");
        assertThat(next(dish)).isEqualTo("weather:sunny");

        dish.join("sport");
        awaitJoined(radio, dish, "sport");
        dish.leave("weather");
        awaitNotJoined(radio, "weather");
        radio.send("sport", "goal");
        assertThat(next(dish)).isEqualTo("sport:goal");
        Traffic.assertNothingArrives(dish, Duration.ofMillis(100));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tcp", "ipc", "inproc"})
    @DisplayName("8 threads send on one RADIO, 8 receive on one DISH: each message once, whole")
    void shouldDeliverEveryMessageExactlyOnceAcrossThreads(String transport) throws Exception {
        int threads = 8;
        int perThread = 2_000;
        int total = threads * perThread;
        SocketOptions unbounded =
                SocketOptions.builder().sendHwm(0).receiveHwm(0).linger(Duration.ZERO).build();
        RadioSocket radio = new RadioSocket(ctx, unbounded);
        DishSocket dish = new DishSocket(ctx, unbounded).join("g");
        link(transport, radio, dish);
        awaitJoined(radio, dish, "g");
        long unroutableBefore = radio.stats().droppedUnroutable();

        Map<String, Integer> seen = new ConcurrentHashMap<>();
        List<String> wrong = new CopyOnWriteArrayList<>();
        AtomicInteger received = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(2 * threads);
        try {
            List<Future<?>> receivers = new ArrayList<>();
            for (int r = 0; r < threads; r++) {
                receivers.add(
                        pool.submit(
                                () -> {
                                    long deadline =
                                            System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                                    while (received.get() < total && System.nanoTime() < deadline) {
                                        try (Message m = dish.receive(Duration.ofMillis(50))) {
                                            if (m == null) {
                                                continue;
                                            }
                                            String body =
                                                    m.frame(0).toString(StandardCharsets.UTF_8);
                                            if (body.equals("probe")) {
                                                continue;
                                            }
                                            if (m.size() != 1
                                                    || !"g".equals(m.group())
                                                    || !BODY.matcher(body).matches()) {
                                                wrong.add(m.group() + ":" + m.strings());
                                            }
                                            seen.merge(body, 1, Integer::sum);
                                            received.incrementAndGet();
                                        }
                                    }
                                }));
            }
            List<Future<?>> senders = new ArrayList<>();
            for (int s = 0; s < threads; s++) {
                int id = s;
                senders.add(
                        pool.submit(
                                () -> {
                                    for (int i = 0; i < perThread; i++) {
                                        radio.send("g", "s" + id + ":" + i);
                                        if (i % 10 == 0) {
                                            radio.send("other", "s" + id + ":" + i);
                                        }
                                    }
                                }));
            }
            for (Future<?> f : senders) {
                f.get(60, TimeUnit.SECONDS);
            }
            for (Future<?> f : receivers) {
                f.get(90, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(wrong).isEmpty();
        assertThat(received.get()).isEqualTo(total);
        assertThat(seen).hasSize(total);
        assertThat(seen.values()).allMatch(n -> n == 1);
        assertThat(radio.stats().droppedUnroutable() - unroutableBefore).isEqualTo(total / 10);
        assertThat(radio.stats().droppedAtHwm()).isZero();
    }
}

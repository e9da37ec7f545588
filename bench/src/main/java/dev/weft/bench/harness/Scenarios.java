package dev.weft.bench.harness;

import static dev.weft.bench.harness.Scenario.Kind.FANOUT_DEFAULT_HWM;
import static dev.weft.bench.harness.Scenario.Kind.FANOUT_LOSSLESS;
import static dev.weft.bench.harness.Scenario.Kind.IDLE_CONNECTIONS;
import static dev.weft.bench.harness.Scenario.Kind.LATENCY;
import static dev.weft.bench.harness.Scenario.Kind.THROUGHPUT;
import static dev.weft.bench.harness.Scenario.Kind.THROUGHPUT_GROUPS;
import static dev.weft.bench.harness.Scenario.Kind.THROUGHPUT_GROUPS_INPROC;
import static dev.weft.bench.harness.Scenario.Kind.THROUGHPUT_GROUPS_UDP;
import static dev.weft.bench.harness.Scenario.Kind.THROUGHPUT_INPROC;

import dev.weft.bench.Library;
import dev.weft.bench.Pattern;
import java.util.List;

/**
 * The table of scenarios each profile runs: the one place to change to add a row.
 *
 * <p>The inproc row runs Weft and JeroMQ only: libzmq's inproc would need its C peer to run both
 * halves in one process. So do the RADIO→DISH and CLIENT→SERVER rows: Debian's libzmq has no draft
 * socket types. Rows still to come: ipc throughput; PAIR→PAIR 16 B is a one-line addition when the
 * full run has time to spare. Subscription-trie match is a JMH micro-benchmark ({@code
 * dev.weft.bench.micro.SubscriptionTrieBenchmark}).
 */
public final class Scenarios {
    private static final List<Library> MESSAGING =
            List.of(Library.WEFT, Library.JEROMQ, Library.LIBZMQ);
    private static final List<Library> RAW = List.of(Library.RAW_NIO);
    private static final List<Library> JVM = List.of(Library.WEFT, Library.JEROMQ);

    /** PUSH→PULL 16 B over inproc, both halves in one process. */
    private static final Scenario INPROC =
            new Scenario(THROUGHPUT_INPROC, Pattern.PUSH_PULL, 16, JVM);

    /** RADIO→DISH 64 B over tcp loopback, both halves in one process. */
    private static final Scenario GROUPS =
            new Scenario(THROUGHPUT_GROUPS, Pattern.RADIO_DISH, 64, JVM);

    /** RADIO→DISH 64 B over inproc. */
    private static final Scenario GROUPS_INPROC =
            new Scenario(THROUGHPUT_GROUPS_INPROC, Pattern.RADIO_DISH, 64, JVM);

    /** CLIENT→SERVER 16 B over tcp: a draft type, which Debian's libzmq lacks. */
    private static final Scenario CLIENT_SERVER =
            new Scenario(THROUGHPUT, Pattern.CLIENT_SERVER, 16, JVM);

    /**
     * RADIO→DISH 64 B over udp loopback, both halves in one process: Weft only, JeroMQ 0.6.0 has no
     * udp transport (and Debian's libzmq no RADIO/DISH).
     */
    private static final Scenario GROUPS_UDP =
            new Scenario(THROUGHPUT_GROUPS_UDP, Pattern.RADIO_DISH, 64, List.of(Library.WEFT));

    /** N idle DEALERs (hello: a 4-byte index) to one ROUTER; N is an option of the comparison. */
    private static final Scenario IDLE =
            new Scenario(IDLE_CONNECTIONS, Pattern.DEALER_ROUTER, 4, MESSAGING);

    private Scenarios() {}

    /**
     * Returns the scenarios of a profile, in run order.
     *
     * @param profile the profile
     * @return the scenarios
     */
    public static List<Scenario> of(Profile profile) {
        return switch (profile) {
            case FULL ->
                    List.of(
                            new Scenario(THROUGHPUT, Pattern.PUSH_PULL, 16, MESSAGING),
                            new Scenario(THROUGHPUT, Pattern.PUSH_PULL, 256, MESSAGING),
                            new Scenario(THROUGHPUT, Pattern.PUSH_PULL, 4096, MESSAGING),
                            new Scenario(THROUGHPUT, Pattern.PUSH_PULL, 65536, MESSAGING),
                            new Scenario(THROUGHPUT, Pattern.DEALER_ROUTER, 16, MESSAGING),
                            new Scenario(THROUGHPUT, Pattern.DEALER_ROUTER, 65536, MESSAGING),
                            CLIENT_SERVER,
                            INPROC,
                            GROUPS,
                            GROUPS_INPROC,
                            GROUPS_UDP,
                            new Scenario(LATENCY, Pattern.REQ_REP, 16, MESSAGING),
                            new Scenario(LATENCY, Pattern.REQ_REP, 4096, MESSAGING),
                            new Scenario(LATENCY, Pattern.DEALER_ROUTER, 16, MESSAGING),
                            new Scenario(FANOUT_LOSSLESS, Pattern.PUB_SUB, 64, MESSAGING),
                            new Scenario(FANOUT_DEFAULT_HWM, Pattern.PUB_SUB, 64, MESSAGING),
                            IDLE,
                            new Scenario(THROUGHPUT, Pattern.RAW_TCP, 65536, RAW),
                            new Scenario(THROUGHPUT, Pattern.RAW_TCP, 262144, RAW),
                            new Scenario(LATENCY, Pattern.RAW_TCP, 16, RAW));
            case QUICK ->
                    List.of(
                            new Scenario(THROUGHPUT, Pattern.PUSH_PULL, 16, MESSAGING),
                            new Scenario(THROUGHPUT, Pattern.PUSH_PULL, 65536, MESSAGING),
                            INPROC,
                            new Scenario(LATENCY, Pattern.REQ_REP, 16, MESSAGING),
                            IDLE,
                            new Scenario(THROUGHPUT, Pattern.RAW_TCP, 65536, RAW),
                            new Scenario(LATENCY, Pattern.RAW_TCP, 16, RAW));
            case SMOKE ->
                    List.of(
                            new Scenario(THROUGHPUT, Pattern.PUSH_PULL, 16, MESSAGING),
                            new Scenario(THROUGHPUT, Pattern.PUSH_PULL, 65536, MESSAGING),
                            new Scenario(THROUGHPUT, Pattern.DEALER_ROUTER, 16, MESSAGING),
                            CLIENT_SERVER,
                            INPROC,
                            GROUPS,
                            GROUPS_INPROC,
                            GROUPS_UDP,
                            new Scenario(LATENCY, Pattern.REQ_REP, 16, MESSAGING),
                            new Scenario(FANOUT_LOSSLESS, Pattern.PUB_SUB, 64, MESSAGING),
                            new Scenario(FANOUT_DEFAULT_HWM, Pattern.PUB_SUB, 64, MESSAGING),
                            IDLE,
                            new Scenario(THROUGHPUT, Pattern.RAW_TCP, 65536, RAW),
                            new Scenario(LATENCY, Pattern.RAW_TCP, 16, RAW));
        };
    }
}

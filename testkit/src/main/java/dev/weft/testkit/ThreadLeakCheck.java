package dev.weft.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Finds threads that Weft code started and that outlived a test: every Weft thread's name starts
 * with {@value #PREFIX} (I/O threads {@code weft-io-*}, {@code weft-proxy-*}, {@code
 * weft-fault-proxy-*}).
 *
 * <p>Compares against a snapshot taken before the test, so threads of a Context that lives for the
 * whole class are not blamed on one test. Tests that run in parallel in one JVM can be blamed for
 * each other's threads: turn the check off for them. Stateless; thread-safe.
 */
final class ThreadLeakCheck {
    /** How the names of Weft's threads begin. */
    static final String PREFIX = "weft-";

    private static final long POLL_MS = 10;

    private ThreadLeakCheck() {}

    /**
     * Returns the live threads whose name starts with {@link #PREFIX}.
     *
     * @return a new set
     */
    static Set<Thread> weftThreads() {
        Set<Thread> out = new HashSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith(PREFIX)) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * Waits until every Weft thread not in {@code before} has ended.
     *
     * @param before the Weft threads alive before the test
     * @param timeout how long to give them
     * @return the threads still alive after the timeout; empty when none
     */
    static List<Thread> awaitEnded(Set<Thread> before, Duration timeout) {
        try {
            Awaitility.await()
                    .atMost(timeout.isZero() ? Duration.ofMillis(1) : timeout)
                    .pollInSameThread()
                    .pollDelay(0, TimeUnit.MILLISECONDS)
                    .pollInterval(POLL_MS, TimeUnit.MILLISECONDS)
                    .until(() -> started(before).isEmpty());
            return List.of();
        } catch (ConditionTimeoutException e) {
            return started(before);
        }
    }

    /**
     * Explains leaked threads to the test's author.
     *
     * @param leaked the threads still alive
     * @param timeout how long they were given
     * @return the failure message
     */
    static String describe(List<Thread> leaked, Duration timeout) {
        List<String> names = new ArrayList<>();
        for (Thread t : leaked) {
            names.add(t.getName() + " (" + t.getState() + ")");
        }
        return "WeftExtension: "
                + leaked.size()
                + " Weft thread(s) still running "
                + timeout.toMillis()
                + " ms after the test: "
                + names
                + ". Something the test created was not closed: a Context (close it, or take it"
                + " as a test parameter so that the extension closes it), a Proxy, or a"
                + " FaultProxy.";
    }

    private static List<Thread> started(Set<Thread> before) {
        List<Thread> out = new ArrayList<>();
        for (Thread t : weftThreads()) {
            if (!before.contains(t)) {
                out.add(t);
            }
        }
        out.sort((a, b) -> a.getName().compareTo(b.getName()));
        return out;
    }
}

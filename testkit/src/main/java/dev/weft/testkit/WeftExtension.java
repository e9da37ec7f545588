package dev.weft.testkit;

import dev.weft.core.Context;
import java.lang.reflect.AnnotatedElement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * A JUnit 5 extension for integration tests of Weft sockets: it gives each test a fresh {@link
 * Context}, closes it after the test, and fails the test when it leaked.
 *
 * <pre>{@code
 * @ExtendWith(WeftExtension.class)          // or @WeftTest, which also takes settings
 * @Timeout(30)
 * class PingTest {
 *     @Test
 *     void shouldAnswerPing(Context context) {
 *         try (RouterSocket router = new RouterSocket(context);
 *                 DealerSocket dealer = new DealerSocket(context)) {
 *             dealer.connect(router.bind(TestEndpoints.tcp()));
 *             ...
 *         }
 *     }
 * }
 * }</pre>
 *
 * <h2>The injected Context</h2>
 *
 * A parameter of type {@link Context} of a test method, or of a {@code @BeforeEach} or
 * {@code @AfterEach} method, gets the test's Context: one per test, shared by these methods, closed
 * after the {@code @AfterEach} methods (closing closes every socket still open in it). A Context
 * parameter of a {@code @BeforeAll} method or of the constructor, where JUnit resolves it for the
 * class, lives for the whole class and is closed after the {@code @AfterAll} methods.
 *
 * <h2>Leak checks</h2>
 *
 * <ul>
 *   <li><b>Threads</b> (on by default): after the Context is closed, every thread named {@code
 *       weft-*} that started during the test (the I/O threads of a Context the test created itself,
 *       a {@link dev.weft.patterns.Proxy}, a {@link FaultProxy}) gets a bounded time to end (5 s by
 *       default); one still running fails the test, naming the threads. The check compares with the
 *       threads alive before the test, so it is meant for tests that run one at a time in a JVM:
 *       turn it off for tests that run in parallel.
 *   <li><b>netty buffers</b> (off by default; turn on with {@code @WeftTest(failOnNettyLeaks =
 *       true)}, the builder, or {@code -Dweft.testkit.failOnNettyLeaks=true}): before the test the
 *       extension runs the garbage collector and sets aside what netty reported so far; after it,
 *       it does so again and fails the test on any report. This needs {@link RecordingLeakDetector}
 *       to be netty's detector, which must happen before netty's buffer classes initialize; the
 *       extension tries to install it, and when that is too late it fails the test with
 *       instructions (see {@link RecordingLeakDetector} for the reliable ways). Costs some tens of
 *       milliseconds per test.
 * </ul>
 *
 * <p>Use it with {@code @ExtendWith(WeftExtension.class)}, {@link WeftTest @WeftTest}, or a
 * {@code @RegisterExtension} field holding {@code WeftExtension.builder()...build()}. Settings come
 * from the nearest {@link WeftTest} annotation, else from the builder.
 *
 * <p>Thread-safe: JUnit may call it from several threads; each test's state lives in that test's
 * extension context.
 */
public final class WeftExtension
        implements ParameterResolver,
                BeforeAllCallback,
                AfterAllCallback,
                BeforeEachCallback,
                AfterEachCallback {
    /** The system property that turns the netty buffer leak check on for every test. */
    public static final String FAIL_ON_NETTY_LEAKS_PROPERTY = "weft.testkit.failOnNettyLeaks";

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(WeftExtension.class);

    private final Settings defaults;

    /** Creates the extension with default settings, as {@code @ExtendWith} does. */
    public WeftExtension() {
        this(new Settings(1, true, Duration.ofSeconds(5), false));
    }

    private WeftExtension(Settings defaults) {
        this.defaults = defaults;
    }

    /**
     * Starts a builder, for {@code @RegisterExtension} fields.
     *
     * @return a builder with the default settings
     */
    public static Builder builder() {
        return new Builder();
    }

    // ---- Parameter resolution. ----

    /**
     * Tells JUnit that this extension supplies parameters of type {@link Context}.
     *
     * @param parameterContext the parameter
     * @param extensionContext the test or class being run
     * @return true for a {@link Context} parameter
     */
    @Override
    public boolean supportsParameter(
            ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == Context.class;
    }

    /**
     * Returns the Context of the test (or of the class, for class-level parameters), creating it on
     * first use.
     *
     * @param parameterContext the parameter
     * @param extensionContext the test or class being run
     * @return an open Context that the extension closes
     */
    @Override
    public Object resolveParameter(
            ParameterContext parameterContext, ExtensionContext extensionContext) {
        return state(extensionContext).context(settings(extensionContext).ioThreads());
    }

    // ---- Life cycle. ----

    /**
     * Takes the snapshot of Weft threads for the class-level checks.
     *
     * @param context the class being run
     */
    @Override
    public void beforeAll(ExtensionContext context) {
        state(context).begin(settings(context));
    }

    /**
     * Takes the snapshot of Weft threads and, when the netty check is on, sets aside earlier leak
     * reports.
     *
     * @param context the test being run
     * @throws AssertionError when the netty check is on but the recorder cannot be installed
     */
    @Override
    public void beforeEach(ExtensionContext context) {
        Settings settings = settings(context);
        state(context).begin(settings);
        if (settings.failOnNettyLeaks()) {
            if (!RecordingLeakDetector.install()) {
                throw new AssertionError(recorderMissing());
            }
            List<String> earlier = RecordingLeakDetector.collect();
            if (!earlier.isEmpty()) {
                System.getLogger(WeftExtension.class.getName())
                        .log(
                                System.Logger.Level.WARNING,
                                "weft-testkit: "
                                        + earlier.size()
                                        + " netty leak report(s) from before "
                                        + context.getDisplayName()
                                        + ":\n"
                                        + String.join("\n", earlier));
            }
        }
    }

    /**
     * Closes the test's Context and runs the leak checks.
     *
     * @param context the test that ran
     * @throws AssertionError naming every leak found
     */
    @Override
    public void afterEach(ExtensionContext context) {
        finish(context, true);
    }

    /**
     * Closes the class's Context and runs the thread check against the snapshot of {@link
     * #beforeAll}.
     *
     * @param context the class that ran
     * @throws AssertionError naming every leaked thread
     */
    @Override
    public void afterAll(ExtensionContext context) {
        finish(context, false);
    }

    private void finish(ExtensionContext context, boolean perTest) {
        Settings settings = settings(context);
        State state = context.getStore(NAMESPACE).remove(context.getUniqueId(), State.class);
        List<String> problems = new ArrayList<>();
        if (state != null) {
            problems.addAll(state.closeContexts());
            Set<Thread> before = state.threadsBefore();
            if (settings.failOnLeakedThreads() && before != null) {
                List<Thread> leaked =
                        ThreadLeakCheck.awaitEnded(before, settings.threadStopTimeout());
                if (!leaked.isEmpty()) {
                    problems.add(ThreadLeakCheck.describe(leaked, settings.threadStopTimeout()));
                    // Blame each leaked thread once: the class-level checks must not report it too.
                    excuseInAncestors(context, leaked);
                }
            }
        }
        if (perTest && settings.failOnNettyLeaks() && RecordingLeakDetector.isRecordingBuffers()) {
            List<String> leaks = RecordingLeakDetector.collect();
            if (!leaks.isEmpty()) {
                problems.add(
                        "WeftExtension: netty reported "
                                + leaks.size()
                                + " buffer(s) never released (close every received Message):\n"
                                + String.join("\n", leaks));
            }
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("\n", problems));
        }
    }

    // ---- Settings and state. ----

    private static void excuseInAncestors(ExtensionContext context, List<Thread> leaked) {
        for (ExtensionContext c = context.getParent().orElse(null);
                c != null;
                c = c.getParent().orElse(null)) {
            State ancestor = c.getStore(NAMESPACE).get(c.getUniqueId(), State.class);
            if (ancestor != null) {
                ancestor.excuse(leaked);
            }
        }
    }

    /**
     * Returns the state of exactly this test or class. Stores fall back to their parents' values,
     * so the key is the context's own id: a test must never get its class's state.
     */
    private static State state(ExtensionContext context) {
        return context.getStore(NAMESPACE)
                .getOrComputeIfAbsent(context.getUniqueId(), k -> new State(), State.class);
    }

    /** The nearest @WeftTest wins as a whole; the system property can only turn netty checks on. */
    Settings settings(ExtensionContext context) {
        Settings base = defaults;
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            Optional<WeftTest> found = c.getElement().flatMap(WeftExtension::annotation);
            if (found.isPresent()) {
                base = Settings.of(found.get());
                break;
            }
        }
        if (!base.failOnNettyLeaks() && Boolean.getBoolean(FAIL_ON_NETTY_LEAKS_PROPERTY)) {
            base = base.withFailOnNettyLeaks();
        }
        return base;
    }

    /** Finds @WeftTest directly, on a composed annotation, or inherited from a superclass. */
    private static Optional<WeftTest> annotation(AnnotatedElement element) {
        return AnnotationSupport.findAnnotation(element, WeftTest.class);
    }

    static String recorderMissing() {
        return "WeftExtension: failOnNettyLeaks is on, but netty's buffers were already in use"
                + " before the leak recorder could be installed, so leaks would go unseen. Install"
                + " it before any buffer is made: run the tests with -Dio.netty"
                + ".customResourceLeakDetector="
                + RecordingLeakDetector.class.getName()
                + " (and -Dio.netty.leakDetection.level=paranoid), or list "
                + NettyLeakRecordingListener.class.getName()
                + " in src/test/resources/META-INF/services/"
                + "org.junit.platform.launcher.LauncherSessionListener.";
    }

    /** The extension's settings; validated once. */
    record Settings(
            int ioThreads,
            boolean failOnLeakedThreads,
            Duration threadStopTimeout,
            boolean failOnNettyLeaks) {
        Settings {
            if (ioThreads < 1) {
                throw new IllegalArgumentException("ioThreads: " + ioThreads + " (expected: >= 1)");
            }
            if (threadStopTimeout == null || threadStopTimeout.isNegative()) {
                throw new IllegalArgumentException(
                        "threadStopTimeout: " + threadStopTimeout + " (expected: a duration >= 0)");
            }
        }

        static Settings of(WeftTest a) {
            if (a.threadStopTimeoutMs() < 0) {
                throw new IllegalArgumentException(
                        "threadStopTimeoutMs: " + a.threadStopTimeoutMs() + " (expected: >= 0)");
            }
            return new Settings(
                    a.ioThreads(),
                    a.failOnLeakedThreads(),
                    Duration.ofMillis(a.threadStopTimeoutMs()),
                    a.failOnNettyLeaks());
        }

        Settings withFailOnNettyLeaks() {
            return new Settings(ioThreads, failOnLeakedThreads, threadStopTimeout, true);
        }
    }

    /** What one test (or class) created and saw; lives in its extension context's store. */
    private static final class State {
        private final List<Context> contexts = new ArrayList<>();
        private Set<Thread> threadsBefore;

        synchronized void begin(Settings settings) {
            if (threadsBefore == null && settings.failOnLeakedThreads()) {
                threadsBefore = ThreadLeakCheck.weftThreads();
            }
        }

        synchronized Set<Thread> threadsBefore() {
            return threadsBefore == null ? null : new HashSet<>(threadsBefore);
        }

        synchronized void excuse(List<Thread> threads) {
            if (threadsBefore != null) {
                threadsBefore.addAll(threads);
            }
        }

        synchronized Context context(int ioThreads) {
            if (contexts.isEmpty()) {
                contexts.add(Context.builder().ioThreads(ioThreads).build());
            }
            return contexts.get(0);
        }

        synchronized List<String> closeContexts() {
            List<String> problems = new ArrayList<>();
            for (Context c : contexts) {
                try {
                    c.close();
                } catch (RuntimeException e) {
                    problems.add("WeftExtension: closing the test's Context failed: " + e);
                }
            }
            contexts.clear();
            return problems;
        }
    }

    /** Builder of a {@link WeftExtension} for {@code @RegisterExtension}; not thread-safe. */
    public static final class Builder {
        private int ioThreads = 1;
        private boolean failOnLeakedThreads = true;
        private Duration threadStopTimeout = Duration.ofSeconds(5);
        private boolean failOnNettyLeaks;

        private Builder() {}

        /**
         * Sets the number of I/O threads of each injected Context.
         *
         * @param count at least 1 (default 1)
         * @return this builder
         */
        public Builder ioThreads(int count) {
            this.ioThreads = count;
            return this;
        }

        /**
         * Sets whether Weft threads still running after a test fail it.
         *
         * @param fail default true
         * @return this builder
         */
        public Builder failOnLeakedThreads(boolean fail) {
            this.failOnLeakedThreads = fail;
            return this;
        }

        /**
         * Sets how long threads get to end after a test before they count as leaked.
         *
         * @param timeout at least zero (default 5 s)
         * @return this builder
         */
        public Builder threadStopTimeout(Duration timeout) {
            this.threadStopTimeout = timeout;
            return this;
        }

        /**
         * Sets whether netty buffer leak reports fail a test (see {@link RecordingLeakDetector}).
         *
         * @param fail default false
         * @return this builder
         */
        public Builder failOnNettyLeaks(boolean fail) {
            this.failOnNettyLeaks = fail;
            return this;
        }

        /**
         * Validates the settings and builds the extension.
         *
         * @return the extension
         * @throws IllegalArgumentException when {@code ioThreads} is below 1 or the timeout is
         *     negative
         */
        public WeftExtension build() {
            return new WeftExtension(
                    new Settings(
                            ioThreads, failOnLeakedThreads, threadStopTimeout, failOnNettyLeaks));
        }
    }
}

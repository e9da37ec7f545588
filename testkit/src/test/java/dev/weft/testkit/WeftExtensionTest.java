package dev.weft.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.weft.core.Context;
import dev.weft.patterns.DealerSocket;
import dev.weft.patterns.Proxy;
import dev.weft.patterns.RouterSocket;
import io.netty.buffer.Unpooled;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * The extension, end to end: each case is a small test class (nested here, skipped unless run by
 * these tests) that this class runs through the JUnit launcher, then checks what passed, what
 * failed and with which message. Cases that leak on purpose hand what they leaked to this class,
 * which closes it, so the suite itself leaks nothing. The thread check's logic is also tested
 * directly.
 */
@Timeout(value = 1, unit = TimeUnit.MINUTES)
class WeftExtensionTest {
    /** Set only while these tests run a case, so that the cases do not run on their own. */
    static final String RUNNING_CASE = "weft.testkit.runningExtensionCase";

    static final List<Context> SEEN = new CopyOnWriteArrayList<>();
    static final List<AutoCloseable> LEAKED = new CopyOnWriteArrayList<>();

    @BeforeEach
    void forget() {
        SEEN.clear();
        LEAKED.clear();
    }

    @AfterEach
    void closeWhatCasesLeaked() throws Exception {
        for (AutoCloseable c : LEAKED) {
            c.close();
        }
    }

    // ---- The injected Context. ----

    @Test
    void shouldInjectOneOpenContextPerTestAndCloseItAfterwards() {
        TestExecutionSummary summary = run(ContextPerTestCase.class);

        assertPassed(summary, 2);
        assertThat(SEEN).hasSize(4); // two tests, each saw its context in @BeforeEach and @Test
        assertThat(SEEN.get(0)).isSameAs(SEEN.get(1));
        assertThat(SEEN.get(2)).isSameAs(SEEN.get(3));
        assertThat(SEEN.get(0)).isNotSameAs(SEEN.get(2));
        assertThat(SEEN).allMatch(Context::isClosed);
    }

    @Test
    void shouldKeepAClassLevelContextForTheWholeClass() {
        TestExecutionSummary summary = run(ClassContextCase.class);

        assertPassed(summary, 2);
        assertThat(SEEN).hasSize(1).allMatch(Context::isClosed);
    }

    @Test
    void shouldWorkFromRegisterExtensionWithBuiltSettings() {
        TestExecutionSummary summary = run(RegisteredCase.class);

        assertPassed(summary, 1);
        assertThat(SEEN).hasSize(1).allMatch(Context::isClosed);
    }

    @Test
    void shouldRejectInvalidSettings() {
        assertThatThrownBy(() -> WeftExtension.builder().ioThreads(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ioThreads: 0");
        assertThatThrownBy(
                        () ->
                                WeftExtension.builder()
                                        .threadStopTimeout(Duration.ofSeconds(-1))
                                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("threadStopTimeout: PT-1S");
    }

    // ---- Thread leaks. ----

    @Test
    void shouldFailATestThatLeftAContextOpen() {
        TestExecutionSummary summary = run(LeakedContextCase.class);

        assertThat(failureMessages(summary))
                .singleElement()
                .asString()
                .contains("Weft thread(s) still running 200 ms after the test")
                .contains("weft-io-")
                .contains("a Context (close it, or take it as a test parameter");
        assertThat(summary.getTestsSucceededCount()).isEqualTo(1);
    }

    @Test
    void shouldFailATestThatLeftAProxyOrFaultProxyRunning() {
        TestExecutionSummary summary = run(LeakedProxiesCase.class);

        assertThat(failureMessages(summary))
                .hasSize(2)
                .anySatisfy(m -> assertThat(m).contains("weft-proxy-ROUTER-DEALER"))
                .anySatisfy(m -> assertThat(m).contains("weft-fault-proxy-"));
    }

    @Test
    void shouldBlameALeakOnTheTestAloneNotAlsoOnItsClasses() {
        TestExecutionSummary summary = run(NestedLeakCase.class);

        assertThat(failureMessages(summary))
                .singleElement()
                .asString()
                .startsWith("leaksAFaultProxy()")
                .contains("weft-fault-proxy-");
    }

    @Test
    void shouldNotCheckThreadsWhenTheCheckIsOff() {
        TestExecutionSummary summary = run(ThreadCheckOffCase.class);

        assertPassed(summary, 1);
        assertThat(LEAKED).hasSize(1);
    }

    @Test
    void shouldReportOnlyWeftThreadsStartedAfterTheSnapshot() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        Thread before = parkedThread("weft-test-before", release);
        Set<Thread> snapshot = ThreadLeakCheck.weftThreads();
        Thread other = parkedThread("not-weft-test", release);
        Thread after = parkedThread("weft-test-after", release);
        try {
            List<Thread> leaked = ThreadLeakCheck.awaitEnded(snapshot, Duration.ofMillis(50));

            assertThat(leaked).containsExactly(after);
            assertThat(ThreadLeakCheck.describe(leaked, Duration.ofMillis(50)))
                    .startsWith(
                            "WeftExtension: 1 Weft thread(s) still running 50 ms after the test")
                    .contains("weft-test-after (WAITING)");
        } finally {
            release.countDown();
            before.join(5_000);
            other.join(5_000);
            after.join(5_000);
        }
    }

    @Test
    void shouldGiveThreadsTheStopTimeoutToEnd() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        Set<Thread> snapshot = ThreadLeakCheck.weftThreads();
        Thread ending = parkedThread("weft-test-ending", release);
        Thread releaser = new Thread(release::countDown);
        releaser.start();

        assertThat(ThreadLeakCheck.awaitEnded(snapshot, Duration.ofSeconds(10))).isEmpty();
        assertThat(ending.isAlive()).isFalse();
        releaser.join(5_000);
    }

    // ---- netty leaks. ----

    @Test
    void shouldFailWithInstructionsWhenTheNettyRecorderCannotBeInstalled() {
        Unpooled.buffer(1).release(); // netty's buffer classes are initialized from here on
        Assumptions.assumeFalse(
                RecordingLeakDetector.isRecordingBuffers(),
                "this JVM runs with the recorder as netty's detector");

        TestExecutionSummary summary = run(NettyChecksCase.class);

        assertThat(failureMessages(summary))
                .singleElement()
                .asString()
                .contains("failOnNettyLeaks is on")
                .contains(
                        "-Dio.netty.customResourceLeakDetector="
                                + RecordingLeakDetector.class.getName())
                .contains(NettyLeakRecordingListener.class.getName());
        assertThat(SEEN).as("the test body did not run").isEmpty();
    }

    @Test
    void shouldTakeSettingsFromTheNearestAnnotation() {
        SettingsRecorder.SETTINGS.clear();

        assertPassed(run(AnnotatedSettingsCase.class), 3);

        assertThat(SettingsRecorder.SETTINGS)
                .containsEntry(
                        "classAnnotation",
                        new WeftExtension.Settings(2, true, Duration.ofMillis(100), false))
                .containsEntry(
                        "methodAnnotation",
                        new WeftExtension.Settings(1, false, Duration.ofMillis(7), false))
                .containsEntry(
                        "enclosingAnnotation",
                        new WeftExtension.Settings(2, true, Duration.ofMillis(100), false));
    }

    @Test
    void shouldFindTheAnnotationOnAComposedAnnotation() {
        SettingsRecorder.SETTINGS.clear();

        assertPassed(run(ComposedSettingsCase.class), 1);

        assertThat(SettingsRecorder.SETTINGS)
                .containsEntry(
                        "composed",
                        new WeftExtension.Settings(3, true, Duration.ofSeconds(5), false));
    }

    @Test
    void shouldTurnNettyChecksOnFromTheSystemProperty() {
        SettingsRecorder.SETTINGS.clear();
        assertPassed(run(PlainSettingsCase.class), 1);
        assertThat(SettingsRecorder.SETTINGS.get("noAnnotation"))
                .isEqualTo(new WeftExtension.Settings(1, true, Duration.ofSeconds(5), false));

        System.setProperty(WeftExtension.FAIL_ON_NETTY_LEAKS_PROPERTY, "true");
        try {
            assertPassed(run(PlainSettingsCase.class), 1);
        } finally {
            System.clearProperty(WeftExtension.FAIL_ON_NETTY_LEAKS_PROPERTY);
        }
        assertThat(SettingsRecorder.SETTINGS.get("noAnnotation"))
                .isEqualTo(new WeftExtension.Settings(1, true, Duration.ofSeconds(5), true));
    }

    // ---- The cases. ----

    @EnabledIfSystemProperty(named = RUNNING_CASE, matches = "true")
    @ExtendWith(WeftExtension.class)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    static class ContextPerTestCase {
        @BeforeEach
        void before(Context context) {
            assertThat(context.isClosed()).isFalse();
            SEEN.add(context);
        }

        @Test
        void first(Context context) {
            SEEN.add(context);
        }

        @Test
        void second(Context context) {
            SEEN.add(context);
        }
    }

    @EnabledIfSystemProperty(named = RUNNING_CASE, matches = "true")
    @WeftTest
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    static class ClassContextCase {
        static Context shared;

        @BeforeAll
        static void before(Context context) {
            shared = context;
            SEEN.add(context);
        }

        @Test
        void first() {
            assertThat(shared.isClosed()).isFalse();
        }

        @Test
        void second() {
            assertThat(shared.isClosed()).isFalse();
        }
    }

    @EnabledIfSystemProperty(named = RUNNING_CASE, matches = "true")
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    static class RegisteredCase {
        @RegisterExtension
        static final WeftExtension WEFT =
                WeftExtension.builder()
                        .ioThreads(2)
                        .threadStopTimeout(Duration.ofSeconds(2))
                        .build();

        @Test
        void talk(Context context) {
            SEEN.add(context);
            try (RouterSocket router = new RouterSocket(context);
                    DealerSocket dealer = new DealerSocket(context)) {
                dealer.connect(router.bind(TestEndpoints.tcp()));
                WeftAwait.awaitConnected(dealer, Duration.ofSeconds(10));
            }
        }
    }

    @EnabledIfSystemProperty(named = RUNNING_CASE, matches = "true")
    @WeftTest(threadStopTimeoutMs = 200)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    static class LeakedContextCase {
        @Test
        void leaksAContextAndASocket() {
            Context own = Context.create();
            LEAKED.add(own);
            new DealerSocket(own);
        }

        @Test
        void closesWhatItOpens(Context context) {
            new DealerSocket(context);
        }
    }

    @EnabledIfSystemProperty(named = RUNNING_CASE, matches = "true")
    @WeftTest(threadStopTimeoutMs = 200)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    static class LeakedProxiesCase {
        @Test
        void leaksAProxy(Context context) {
            Context own = Context.create();
            LEAKED.add(own);
            RouterSocket frontend = new RouterSocket(own);
            DealerSocket backend = new DealerSocket(own);
            Proxy proxy = Proxy.start(frontend, backend);
            LEAKED.add(0, proxy);
        }

        @Test
        void leaksAFaultProxy() {
            LEAKED.add(FaultProxy.start("tcp://127.0.0.1:1"));
        }
    }

    @EnabledIfSystemProperty(named = RUNNING_CASE, matches = "true")
    @WeftTest(threadStopTimeoutMs = 200)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    static class NestedLeakCase {
        @Nested
        class Inner {
            @Test
            void leaksAFaultProxy() {
                LEAKED.add(FaultProxy.start("tcp://127.0.0.1:1"));
            }
        }
    }

    @EnabledIfSystemProperty(named = RUNNING_CASE, matches = "true")
    @WeftTest(failOnLeakedThreads = false)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    static class ThreadCheckOffCase {
        @Test
        void leaksAFaultProxy() {
            LEAKED.add(FaultProxy.start("tcp://127.0.0.1:1"));
        }
    }

    @EnabledIfSystemProperty(named = RUNNING_CASE, matches = "true")
    @WeftTest(failOnNettyLeaks = true)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    static class NettyChecksCase {
        @Test
        void wouldRun(Context context) {
            SEEN.add(context);
        }
    }

    @EnabledIfSystemProperty(named = RUNNING_CASE, matches = "true")
    @WeftTest(ioThreads = 2, threadStopTimeoutMs = 100)
    @ExtendWith(SettingsRecorder.class)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    static class AnnotatedSettingsCase {
        @Test
        void classAnnotation() {}

        @Test
        @WeftTest(failOnLeakedThreads = false, threadStopTimeoutMs = 7)
        void methodAnnotation() {}

        @Nested
        class Inner {
            @Test
            void enclosingAnnotation() {}
        }
    }

    /** A project's own annotation that carries Weft settings. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    @WeftTest(ioThreads = 3)
    @interface ThreeIoThreads {}

    @EnabledIfSystemProperty(named = RUNNING_CASE, matches = "true")
    @ThreeIoThreads
    @ExtendWith(SettingsRecorder.class)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    static class ComposedSettingsCase {
        @Test
        void composed() {}
    }

    @EnabledIfSystemProperty(named = RUNNING_CASE, matches = "true")
    @ExtendWith(SettingsRecorder.class)
    @Timeout(value = 30, unit = TimeUnit.SECONDS)
    static class PlainSettingsCase {
        @Test
        void noAnnotation() {}
    }

    /** Records the settings the extension would use for each test, by test method name. */
    static final class SettingsRecorder implements BeforeEachCallback {
        static final Map<String, WeftExtension.Settings> SETTINGS = new ConcurrentHashMap<>();

        @Override
        public void beforeEach(ExtensionContext context) {
            SETTINGS.put(
                    context.getRequiredTestMethod().getName(),
                    new WeftExtension().settings(context));
        }
    }

    // ---- Helpers. ----

    static TestExecutionSummary run(Class<?> testClass) {
        LauncherDiscoveryRequest request =
                LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        System.setProperty(RUNNING_CASE, "true");
        try {
            launcher.execute(request, listener);
        } finally {
            System.clearProperty(RUNNING_CASE);
        }
        return listener.getSummary();
    }

    private static void assertPassed(TestExecutionSummary summary, int tests) {
        assertThat(failureMessages(summary)).isEmpty();
        assertThat(summary.getTestsSucceededCount()).isEqualTo(tests);
    }

    private static List<String> failureMessages(TestExecutionSummary summary) {
        return summary.getFailures().stream()
                .map(f -> f.getTestIdentifier().getDisplayName() + ": " + f.getException())
                .toList();
    }

    private static Thread parkedThread(String name, CountDownLatch release) {
        Thread t =
                new Thread(
                        () -> {
                            try {
                                release.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}

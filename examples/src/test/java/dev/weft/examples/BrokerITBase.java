package dev.weft.examples;

import dev.weft.core.Context;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A broker example started from the jar with ephemeral frontend and backend endpoints, and a Weft
 * context for the test's own peers; both closed after each test.
 */
abstract class BrokerITBase {
    Context ctx;
    ExampleProcess broker;

    /** The example's name, such as {@code rrbroker}. */
    abstract String example();

    @BeforeEach
    void startBroker() throws Exception {
        ctx = Context.create();
        broker =
                ExampleProcess.start(
                        example(),
                        "--frontend",
                        "tcp://127.0.0.1:*",
                        "--backend",
                        "tcp://127.0.0.1:*");
    }

    @AfterEach
    void stopBroker() {
        ctx.close();
        broker.close();
    }

    /** The frontend endpoint the broker printed. */
    String frontend() {
        return broker.awaitLine("frontend bound to (tcp://[^,]+),");
    }

    /** The backend endpoint the broker printed. */
    String backend() {
        return broker.awaitLine("backend bound to (tcp://\\S+)");
    }
}

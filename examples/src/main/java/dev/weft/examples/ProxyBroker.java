package dev.weft.examples;

import dev.weft.core.Context;
import dev.weft.patterns.Proxy;
import dev.weft.patterns.WeftSocket;
import java.time.Duration;

/** Runs a {@link Proxy} between two bound sockets with a stats line, until stopped. */
final class ProxyBroker {
    private ProxyBroker() {}

    static int run(
            String name,
            Context ctx,
            WeftSocket frontend,
            String frontEp,
            WeftSocket backend,
            String backEp) {
        Lifetime lifetime = Lifetime.install();
        try {
            String f = frontend.bind(frontEp);
            String b = backend.bind(backEp);
            System.err.printf(
                    "%s: %s frontend bound to %s, %s backend bound to %s%n",
                    name, frontend.type(), f, backend.type(), b);
            StatsLine stats = new StatsLine(name, System.err);
            try (Proxy proxy = Proxy.start(frontend, backend)) {
                while (lifetime.tick(Duration.ofSeconds(1)) && proxy.isRunning()) {
                    Proxy.Stats s = proxy.stats();
                    stats.print(
                            s.frontToBackMessages() + s.backToFrontMessages(),
                            frontend.stats().peers().size() + backend.stats().peers().size(),
                            "front->back "
                                    + s.frontToBackMessages()
                                    + "  back->front "
                                    + s.backToFrontMessages());
                }
            }
            return 0;
        } finally {
            ctx.close();
            lifetime.done();
        }
    }
}

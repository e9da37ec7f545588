package dev.weft.patterns.interop;

import dev.weft.core.Context;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A Weft context and the foreign peers of one interop test, all closed after it. */
abstract class InteropTestBase {
    Context ctx;
    private final List<InteropPeer> peers = new ArrayList<>();

    @BeforeEach
    void openContext() {
        ctx = Context.create();
    }

    @AfterEach
    void closeEverything() {
        peers.forEach(InteropPeer::close);
        ctx.close();
    }

    /** Starts a peer of the given kind and type, closed after the test. */
    InteropPeer start(InteropPeer.Kind kind, String type) {
        InteropPeer p = kind.start(type);
        peers.add(p);
        return p;
    }
}

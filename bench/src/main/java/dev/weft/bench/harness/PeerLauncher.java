package dev.weft.bench.harness;

import dev.weft.bench.peer.PeerArgs;
import java.util.List;

/** Builds the command line of a peer process for a library. */
@FunctionalInterface
public interface PeerLauncher {
    /**
     * Returns the command that runs one peer.
     *
     * @param args the peer's arguments
     * @return the program and its arguments
     */
    List<String> command(PeerArgs args);
}

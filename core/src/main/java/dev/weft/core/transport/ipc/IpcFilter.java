package dev.weft.core.transport.ipc;

import dev.weft.core.SocketOptions;
import dev.weft.core.transport.PeerAdmission;
import java.nio.channels.SocketChannel;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Which local processes a bound ipc endpoint serves, from {@link SocketOptions#ipcFilterUids()} and
 * {@link SocketOptions#ipcFilterGids()} (libzmq's {@code ZMQ_IPC_FILTER_UID} and {@code _GID}):
 * everyone when both are empty; otherwise a peer whose user id or group id is listed. Immutable.
 *
 * @param uids the user ids served
 * @param gids the group ids served
 */
record IpcFilter(Set<Integer> uids, Set<Integer> gids) {
    /**
     * Returns the filter a socket's options ask for.
     *
     * @param options the socket's options
     * @return its filter
     */
    static IpcFilter of(SocketOptions options) {
        return new IpcFilter(options.ipcFilterUids(), options.ipcFilterGids());
    }

    /**
     * Tells whether the filter lets everyone in, so credentials are needed only for metadata.
     *
     * @return true when no id is listed
     */
    boolean servesEveryone() {
        return uids.isEmpty() && gids.isEmpty();
    }

    /**
     * Reads an accepted peer's credentials off the caller's thread and decides whether it is
     * served.
     *
     * @param channel the accepted Unix-domain channel
     * @param credentials reads them on a lookup thread
     * @return completes with served and the credentials as metadata, or refused naming the peer's
     *     ids; or exceptionally when the credentials cannot be told
     */
    CompletableFuture<PeerAdmission> admit(
            SocketChannel channel, PeerCredentialsLookup credentials) {
        return credentials.lookUp(channel).thenApply(this::admission);
    }

    private PeerAdmission admission(PeerCredentials peer) {
        String refusal = refusal(peer);
        return refusal == null
                ? PeerAdmission.served(peer.metadata())
                : PeerAdmission.refused(refusal);
    }

    /**
     * Decides about one peer.
     *
     * @param peer the peer's credentials
     * @return null to serve it, or why it is refused, naming its ids and the filter
     */
    String refusal(PeerCredentials peer) {
        if (servesEveryone()) {
            return null;
        }
        if (peer.uid().isPresent() && uids.contains(peer.uid().getAsInt())) {
            return null;
        }
        if (peer.gid().isPresent() && gids.contains(peer.gid().getAsInt())) {
            return null;
        }
        return "peer "
                + peer
                + " is outside the ipc filter (ipcFilterUids "
                + uids
                + ", ipcFilterGids "
                + gids
                + ")";
    }
}

package dev.weft.core.transport.ipc;

import dev.weft.core.PeerCredentialsSource;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.nio.file.FileSystems;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import jdk.net.UnixDomainPrincipal;

/**
 * Reads peers' credentials with a {@link PeerCredentialsSource} on a context's lookup threads, so a
 * slow user or group database stalls no I/O thread: the listener or dialer that asked goes on with
 * the connection when the answer is there.
 *
 * <p>The numeric ids are confirmed as {@link PeerCredentials} explains, which asks the databases
 * again; the confirmations are remembered for the {@value #CACHED_IDS} users and the {@value
 * #CACHED_IDS} groups seen most recently, so a busy endpoint asks once per user and group rather
 * than once per connection. One per context; thread-safe.
 */
final class PeerCredentialsLookup {
    /** Most users, and most groups, whose confirmation is remembered. */
    static final int CACHED_IDS = 256;

    private final Executor lookupThreads;
    private final PeerCredentialsSource source;
    private final UserPrincipalLookupService names =
            FileSystems.getDefault().getUserPrincipalLookupService();
    private final Map<UserPrincipal, OptionalInt> uids = boundedMap();
    private final Map<GroupPrincipal, OptionalInt> gids = boundedMap();

    /**
     * Creates the lookup of one context.
     *
     * @param lookupThreads where the source is called; not an I/O thread
     * @param source reads the credentials
     */
    PeerCredentialsLookup(Executor lookupThreads, PeerCredentialsSource source) {
        this.lookupThreads = lookupThreads;
        this.source = source;
    }

    private static <K> Map<K, OptionalInt> boundedMap() {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, OptionalInt> eldest) {
                return size() > CACHED_IDS;
            }
        };
    }

    /**
     * Reads a channel's peer credentials off the caller's thread.
     *
     * @param channel a connected Unix-domain channel
     * @return completes, on a lookup thread, with the credentials, or exceptionally with the
     *     source's {@link IOException} or with {@link RejectedExecutionException} once the context
     *     is closed
     */
    CompletableFuture<PeerCredentials> lookUp(SocketChannel channel) {
        CompletableFuture<PeerCredentials> result = new CompletableFuture<>();
        try {
            lookupThreads.execute(() -> read(channel, result));
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /**
     * Returns how many user and group confirmations are remembered (for tests of the bound).
     *
     * @return users plus groups cached
     */
    int cachedIds() {
        synchronized (uids) {
            synchronized (gids) {
                return uids.size() + gids.size();
            }
        }
    }

    private void read(SocketChannel channel, CompletableFuture<PeerCredentials> result) {
        try {
            UnixDomainPrincipal peer = source.read(channel);
            result.complete(
                    new PeerCredentials(
                            peer.user(),
                            peer.group(),
                            confirmed(uids, peer.user()),
                            confirmed(gids, peer.group())));
        } catch (Exception e) {
            result.completeExceptionally(e);
        }
    }

    private <P extends UserPrincipal> OptionalInt confirmed(
            Map<P, OptionalInt> cache, P principal) {
        synchronized (cache) {
            OptionalInt known = cache.get(principal);
            if (known != null) {
                return known;
            }
        }
        OptionalInt id;
        try {
            id = confirm(principal);
        } catch (IOException e) {
            // The databases did not answer: unknown this time, asked again next time.
            return OptionalInt.empty();
        }
        synchronized (cache) {
            cache.put(principal, id);
        }
        return id;
    }

    /**
     * Accepts the candidate id (the principal's hash, which the JDK's Unix principals take from the
     * id) when looking its decimal form up yields an equal principal.
     */
    private OptionalInt confirm(UserPrincipal principal) throws IOException {
        int candidate = principal.hashCode();
        if (candidate < 0) {
            return OptionalInt.empty();
        }
        String decimal = Integer.toString(candidate);
        UserPrincipal found =
                principal instanceof GroupPrincipal
                        ? names.lookupPrincipalByGroupName(decimal)
                        : names.lookupPrincipalByName(decimal);
        return found.equals(principal) ? OptionalInt.of(candidate) : OptionalInt.empty();
    }
}

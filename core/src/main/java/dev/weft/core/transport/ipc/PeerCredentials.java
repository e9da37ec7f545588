package dev.weft.core.transport.ipc;

import dev.weft.core.Metadata;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.util.OptionalInt;
import jdk.net.ExtendedSocketOptions;

/**
 * The user and group of the process at the other end of a Unix-domain connection, as the kernel
 * reports them ({@code SO_PEERCRED}, read through {@link ExtendedSocketOptions#SO_PEERCRED}): the
 * credentials the peer had when it connected or listened.
 *
 * <p>The JDK gives the credentials as principals named from the system's user and group databases,
 * not as numbers. The numeric ids are confirmed with the JDK's own lookup: the file system's {@link
 * UserPrincipalLookupService} takes a decimal id for a user or group that has no such name, and two
 * principals of one id are equal. A candidate id (the principal's hash, which the JDK's Unix
 * principals take from the id) is accepted only when the lookup of that decimal id yields an equal
 * principal; otherwise the id stays unknown, and an ipc filter refuses the peer rather than guess.
 *
 * <p>Both the JDK's naming and the confirmation ask the system's databases, which may wait on a
 * directory service; a {@link dev.weft.core.PeerCredentialsSource} therefore reads credentials on a
 * context's lookup threads, never on an I/O thread. Immutable.
 *
 * @param user the peer's user, named by the system
 * @param group the peer's group, named by the system
 * @param uid the peer's user id, when confirmed
 * @param gid the peer's group id, when confirmed
 */
public record PeerCredentials(
        UserPrincipal user, GroupPrincipal group, OptionalInt uid, OptionalInt gid) {

    /**
     * Returns the credentials as connection metadata: {@link Metadata#PEER_UID}, {@link
     * Metadata#PEER_GID} (when confirmed), {@link Metadata#PEER_USER} and {@link
     * Metadata#PEER_GROUP}.
     *
     * @return the properties
     */
    public Metadata metadata() {
        Metadata.Builder b = Metadata.builder();
        uid.ifPresent(id -> b.put(Metadata.PEER_UID, Integer.toString(id)));
        gid.ifPresent(id -> b.put(Metadata.PEER_GID, Integer.toString(id)));
        b.put(Metadata.PEER_USER, user.getName());
        b.put(Metadata.PEER_GROUP, group.getName());
        return b.build();
    }

    /** Returns e.g. {@code uid 65534 (nobody), gid 65534 (nogroup)}. */
    @Override
    public String toString() {
        return "uid "
                + (uid.isPresent() ? Integer.toString(uid.getAsInt()) : "unknown")
                + " ("
                + user.getName()
                + "), gid "
                + (gid.isPresent() ? Integer.toString(gid.getAsInt()) : "unknown")
                + " ("
                + group.getName()
                + ")";
    }
}

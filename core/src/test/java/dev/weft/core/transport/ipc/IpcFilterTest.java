package dev.weft.core.transport.ipc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Metadata;
import dev.weft.core.SocketOptions;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.UserPrincipal;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which peers an ipc filter serves, and what the refusal says. */
class IpcFilterTest {
    private static final PeerCredentials NOBODY =
            credentials("nobody", "nogroup", OptionalInt.of(65534), OptionalInt.of(65534));
    private static final PeerCredentials ROOT =
            credentials("root", "root", OptionalInt.of(0), OptionalInt.of(0));

    @Test
    void shouldServeEveryoneWithoutFilters() {
        IpcFilter filter = IpcFilter.of(SocketOptions.DEFAULTS);

        assertThat(filter.servesEveryone()).isTrue();
        assertThat(filter.refusal(NOBODY)).isNull();
    }

    @Test
    void shouldServeAListedUserAndRefuseOthersNamingTheirIds() {
        IpcFilter filter = IpcFilter.of(SocketOptions.builder().ipcFilterUid(0).build());

        assertThat(filter.refusal(ROOT)).isNull();
        assertThat(filter.refusal(NOBODY))
                .contains("uid 65534 (nobody), gid 65534 (nogroup)")
                .contains("ipcFilterUids [0]");
    }

    @Test
    void shouldServeAPeerWhoseUserOrGroupIsListed() {
        IpcFilter filter =
                IpcFilter.of(
                        SocketOptions.builder()
                                .ipcFilterUids(Set.of(1000))
                                .ipcFilterGid(65534)
                                .build());

        assertThat(filter.refusal(NOBODY)).isNull();
        assertThat(filter.refusal(ROOT)).contains("ipcFilterGids [65534]");
    }

    @Test
    void shouldRefuseAPeerWhoseIdsCannotBeConfirmed() {
        IpcFilter filter = IpcFilter.of(SocketOptions.builder().ipcFilterUid(0).build());
        PeerCredentials unknown =
                credentials("root", "root", OptionalInt.empty(), OptionalInt.empty());

        assertThat(filter.refusal(unknown)).contains("uid unknown (root)");
    }

    @Test
    void shouldOfferNumbersAndNamesAsMetadata() {
        Metadata md = NOBODY.metadata();

        assertThat(md.getString(Metadata.PEER_UID)).isEqualTo("65534");
        assertThat(md.getString(Metadata.PEER_GID)).isEqualTo("65534");
        assertThat(md.getString(Metadata.PEER_USER)).isEqualTo("nobody");
        assertThat(md.getString(Metadata.PEER_GROUP)).isEqualTo("nogroup");
    }

    private static PeerCredentials credentials(
            String user, String group, OptionalInt uid, OptionalInt gid) {
        UserPrincipal u = () -> user;
        GroupPrincipal g = () -> group;
        return new PeerCredentials(u, g, uid, gid);
    }
}

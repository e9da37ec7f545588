package dev.weft.core.transport.ipc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.InvalidEndpointException;
import dev.weft.core.PeerCredentialsSource;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The ipc endpoint forms libzmq accepts, and the errors for the rest. */
class IpcAddressTest {
    @Test
    void shouldParseAbsoluteRelativeWildcardAndInheritedForms() {
        assertThat(IpcAddress.parse("ipc:///run/app/weft.sock").path())
                .isEqualTo("/run/app/weft.sock");
        assertThat(IpcAddress.parse("ipc://app/weft.sock").path()).isEqualTo("app/weft.sock");
        assertThat(IpcAddress.parse("IPC://x").toString()).isEqualTo("ipc://x");
        assertThat(IpcAddress.parse("ipc://*").isWildcard()).isTrue();
        assertThat(IpcAddress.parse("ipc://inherited").isInherited()).isTrue();
        assertThat(IpcAddress.parse("ipc://./inherited").isInherited()).isFalse();
    }

    @Test
    void shouldResolveRelativePathsAgainstTheWorkingDirectory() {
        assertThat(IpcAddress.parse("ipc://a/../b.sock").absolutePath())
                .isEqualTo(Path.of("b.sock").toAbsolutePath());
    }

    @Test
    void shouldAcceptAPathOfExactlyTheLimit() {
        String path = "/" + "p".repeat(IpcAddress.MAX_PATH_BYTES - 1);

        assertThat(IpcAddress.parse("ipc://" + path).path()).hasSize(107);
    }

    @Test
    void shouldRefuseAPathLongerThanSunPathWithTheLimit() {
        String path = "/" + "p".repeat(IpcAddress.MAX_PATH_BYTES);

        assertThatThrownBy(() -> IpcAddress.parse("ipc://" + path))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageContaining("108 bytes long")
                .hasMessageContaining("at most 107 bytes")
                .hasMessageContaining("sun_path");
    }

    @Test
    void shouldCountBytesNotCharactersAgainstTheLimit() {
        String path = "/" + "é".repeat(54);

        assertThatThrownBy(() -> IpcAddress.parse("ipc://" + path))
                .hasMessageContaining("109 bytes long");
    }

    @Test
    void shouldRefuseTheAbstractNamespaceSayingWhyAndWhatToUse() {
        assertThatThrownBy(() -> IpcAddress.parse("ipc://@weft"))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageContaining("abstract socket namespace is not available")
                .hasMessageContaining("only file-system paths")
                .hasMessageContaining("ipc:///run/app/weft.sock");
    }

    @Test
    void shouldRefuseAMissingPathANulAndOtherSchemes() {
        assertThatThrownBy(() -> IpcAddress.parse("ipc://"))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageContaining("missing path");
        assertThatThrownBy(() -> IpcAddress.parse("ipc://a\0b"))
                .hasMessageContaining("NUL character");
        assertThatThrownBy(() -> IpcAddress.parse("tcp://127.0.0.1:5555"))
                .hasMessageContaining("not an ipc endpoint");
        assertThatThrownBy(() -> IpcAddress.parse(null)).hasMessageContaining("null");
    }

    @Test
    void shouldRefuseToConnectToTheWildcardOrTheInheritedSocket() {
        IpcTransport ipc = new IpcTransport(Runnable::run, PeerCredentialsSource.SYSTEM);

        assertThatThrownBy(() -> ipc.connectRequest("ipc://*"))
                .isInstanceOf(InvalidEndpointException.class)
                .hasMessageContaining("needs a path")
                .hasMessageContaining("* is for bind only");
        assertThatThrownBy(() -> ipc.connectRequest("ipc://inherited"))
                .hasMessageContaining("inherited is for bind only");
    }
}

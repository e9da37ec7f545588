package dev.weft.core.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Metadata;
import org.junit.jupiter.api.Test;

/** How a transport's facts about a peer join the metadata the peer sent. */
class PeerAdmissionTest {
    @Test
    void shouldReplaceAPropertyThePeerClaimedWithTheTransportsFact() {
        Metadata fromPeer =
                Metadata.builder()
                        .put(Metadata.SOCKET_TYPE, "PUSH")
                        .put("peer-uid", "0")
                        .put("X-App", "kept")
                        .build();
        Metadata facts = Metadata.builder().put(Metadata.PEER_UID, "65534").build();

        Metadata merged = PeerAdmission.withFacts(fromPeer, PeerAdmission.served(facts).facts());

        assertThat(merged.getString(Metadata.PEER_UID)).isEqualTo("65534");
        assertThat(merged.properties())
                .filteredOn(p -> p.name().equalsIgnoreCase(Metadata.PEER_UID))
                .hasSize(1);
        assertThat(merged.socketType()).isEqualTo("PUSH");
        assertThat(merged.getString("X-App")).isEqualTo("kept");
    }

    @Test
    void shouldLeaveThePeersMetadataAloneWithoutFacts() {
        Metadata fromPeer = Metadata.builder().put(Metadata.SOCKET_TYPE, "PUSH").build();

        assertThat(PeerAdmission.withFacts(fromPeer, PeerAdmission.SERVED.facts()))
                .isSameAs(fromPeer);
        assertThat(PeerAdmission.SERVED.isRefused()).isFalse();
    }

    @Test
    void shouldCarryTheReasonOfARefusal() {
        PeerAdmission refused = PeerAdmission.refused("outside the filter");

        assertThat(refused.isRefused()).isTrue();
        assertThat(refused.refusal()).isEqualTo("outside the filter");
        assertThat(refused.facts().properties()).isEmpty();
    }
}

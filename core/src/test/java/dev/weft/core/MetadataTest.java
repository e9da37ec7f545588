package dev.weft.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Connection metadata and its builder's name rules (RFC 37 §Connection Metadata). */
class MetadataTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"Socket-Type", "Identity", "X-App_1.0+b", "a", "Z9"})
    @DisplayName("RFC 37: name-char = ALPHA | DIGIT | \"-\" | \"_\" | \".\" | \"+\"")
    void shouldAcceptValidNames(String name) {
        assertThat(Metadata.builder().put(name, "v").build().getString(name)).isEqualTo("v");
    }

    @Test
    void shouldAcceptA255CharacterName() {
        String name = "N".repeat(255);

        assertThat(Metadata.builder().put(name, "v").build().properties()).hasSize(1);
    }

    @Test
    @DisplayName("RFC 37: The name SHALL be 1 to 255 characters. Zero-sized names are not valid.")
    void shouldRejectEmptyAndOverlongNames() {
        assertThatThrownBy(() -> Metadata.builder().put("", "v"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("metadata name '': 0 characters (expected: 1..255)");
        assertThatThrownBy(() -> Metadata.builder().put("N".repeat(256), "v"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("256 characters (expected: 1..255)");
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"Socket Type", "a:b", "Idé", "x/y", "tab\t", "nul\u0000"})
    void shouldRejectNamesWithOtherCharacters(String name) {
        assertThatThrownBy(() -> Metadata.builder().put(name, "v"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("metadata name '" + name + "': character ")
                .hasMessageEndingWith("(expected: A-Z a-z 0-9 - _ . +)");
    }

    @Test
    @DisplayName("RFC 37: Metadata names SHALL be case-insensitive.")
    void shouldReplaceAPropertyOfTheSameNameInAnyCase() {
        Metadata m =
                Metadata.builder()
                        .put("Socket-Type", "DEALER")
                        .put("Identity", "x")
                        .put("SOCKET-TYPE", "ROUTER")
                        .build();

        assertThat(m.properties())
                .extracting(Metadata.Property::name)
                .containsExactly("Identity", "SOCKET-TYPE");
        assertThat(m.socketType()).isEqualTo("ROUTER");
        assertThat(m.getString("socket-type")).isEqualTo("ROUTER");
    }

    @Test
    void shouldCopyValuesInAndOut() {
        byte[] value = {1, 2};
        Metadata m = Metadata.builder().put("K", value).build();
        value[0] = 9;

        byte[] read = m.get("k");
        read[1] = 9;

        assertThat(m.get("K")).containsExactly(1, 2);
    }

    @Test
    void shouldTellAnEmptyIdentityFromNone() {
        assertThat(Metadata.builder().put("Identity", new byte[0]).build().identity()).isEmpty();
        assertThat(Metadata.EMPTY.identity()).isNull();
        assertThat(Metadata.EMPTY.socketType()).isNull();
        assertThat(Metadata.EMPTY.properties()).isEmpty();
    }

    @Test
    void shouldBeImmutable() {
        Metadata.Builder b = Metadata.builder().put("A", "1");
        Metadata m = b.build();
        b.put("B", "2");

        assertThat(m.properties()).hasSize(1);
        assertThatThrownBy(() -> m.properties().clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }
}

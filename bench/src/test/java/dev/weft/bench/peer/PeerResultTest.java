package dev.weft.bench.peer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PeerResultTest {
    @Test
    void shouldParseAResultLine() {
        PeerResult r =
                PeerResult.parse("RESULT role=thr-recv messages=1001 bytes=16016 elapsed_ns=5");
        assertThat(r.isOk()).isTrue();
        assertThat(r.fields())
                .containsExactly(
                        Map.entry("role", "thr-recv"),
                        Map.entry("messages", "1001"),
                        Map.entry("bytes", "16016"),
                        Map.entry("elapsed_ns", "5"));
        assertThat(r.longField("messages")).isEqualTo(1001);
    }

    @Test
    void shouldParseAnErrorLine() {
        PeerResult r = PeerResult.parse("ERROR TIMEOUT: no message within 10000 ms after 3");
        assertThat(r.isOk()).isFalse();
        assertThat(r.error()).isEqualTo("TIMEOUT: no message within 10000 ms after 3");
    }

    @Test
    void shouldIgnoreOtherLines() {
        assertThat(PeerResult.parse("READY endpoint=tcp://127.0.0.1:5555")).isNull();
        assertThat(PeerResult.parse("some library log line")).isNull();
        assertThat(PeerResult.parse("RESULTS are in")).isNull();
    }

    @Test
    void shouldRenderWhatItParses() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("role", "lat-client");
        f.put("p50_ns", "54000");
        PeerResult r = PeerResult.ok(f);
        assertThat(PeerResult.parse(r.toLine())).isEqualTo(r);
        PeerResult e = PeerResult.failed("SIZE_MISMATCH: 15 bytes");
        assertThat(PeerResult.parse(e.toLine())).isEqualTo(e);
    }

    @Test
    void shouldRefuseAFieldWithoutValue() {
        assertThatThrownBy(() -> PeerResult.parse("RESULT messages"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("key=value");
    }

    @Test
    void shouldSayWhichFieldIsMissingOrNotANumber() {
        PeerResult r = PeerResult.parse("RESULT role=x messages=many");
        assertThatThrownBy(() -> r.longField("bytes"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no field 'bytes'");
        assertThatThrownBy(() -> r.longField("messages"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("messages=many is not a number");
    }
}

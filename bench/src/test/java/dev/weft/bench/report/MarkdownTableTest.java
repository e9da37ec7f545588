package dev.weft.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MarkdownTableTest {
    @Test
    void shouldPadColumnsAndMarkRightAlignedOnes() {
        String t =
                new MarkdownTable("Name", "Rate")
                        .align(1, MarkdownTable.Align.RIGHT)
                        .row("Weft", "1.5 M")
                        .row("JeroMQ", "900 k")
                        .render();
        assertThat(t)
                .isEqualTo(
                        "| Name   |  Rate |\n"
                                + "| ------ | ----: |\n"
                                + "| Weft   | 1.5 M |\n"
                                + "| JeroMQ | 900 k |\n");
    }

    @Test
    void shouldEscapePipesInCells() {
        String t = new MarkdownTable("a").row("x|y").render();
        assertThat(t).contains("| x\\|y |");
    }

    @Test
    void shouldRefuseARowOfTheWrongWidth() {
        MarkdownTable t = new MarkdownTable("a", "b");
        assertThatThrownBy(() -> t.row("only one"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected: 2");
    }

    @Test
    void shouldCountRows() {
        assertThat(new MarkdownTable("a").row("1").row("2").rowCount()).isEqualTo(2);
    }
}

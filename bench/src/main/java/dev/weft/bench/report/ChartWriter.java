package dev.weft.bench.report;

import dev.weft.bench.Library;
import dev.weft.bench.Pattern;
import dev.weft.bench.harness.Metric;
import dev.weft.bench.harness.Scenario;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws throughput by message size, one line per library, with the raw-TCP bulk figures as a
 * reference series, into a PNG with XChart. Only cells whose runs all passed are drawn.
 */
public final class ChartWriter {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;

    private ChartWriter() {}

    /**
     * Writes {@code throughput.png}.
     *
     * @param dir the output directory (created if needed)
     * @param summary the runs
     * @param scenarios the scenarios that ran
     * @param libraries the messaging libraries to draw
     * @param subtitle shown under the title (e.g. rounds and machine)
     * @return the file written, or null when there was nothing to draw
     * @throws IOException when the file cannot be written
     */
    public static Path writeThroughput(
            Path dir,
            Summary summary,
            List<Scenario> scenarios,
            List<Library> libraries,
            String subtitle)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYChart chart =
                new XYChartBuilder()
                        .width(WIDTH)
                        .height(HEIGHT)
                        .title("Throughput by message size, TCP loopback (" + subtitle + ")")
                        .xAxisTitle("message size (log scale)")
                        .yAxisTitle("payload MB/s (median)")
                        .build();
        XYStyler st = chart.getStyler();
        st.setLegendPosition(Styler.LegendPosition.InsideNW);
        // x is log2(size) on a linear axis, labelled as sizes: 16 B, 256 B, 4 KiB, 64 KiB.
        chart.setCustomXAxisTickLabelsFormatter(ChartWriter::sizeLabel);
        st.setXAxisTickMarkSpacingHint(40);
        st.setYAxisLogarithmic(true);
        st.setChartBackgroundColor(Color.WHITE);
        int series = 0;
        for (Library lib : libraries) {
            series +=
                    addSeries(
                            chart,
                            summary,
                            scenarios,
                            lib,
                            Pattern.PUSH_PULL,
                            lib.label() + " PUSH→PULL",
                            color(lib));
        }
        series +=
                addSeries(
                        chart,
                        summary,
                        scenarios,
                        Library.RAW_NIO,
                        Pattern.RAW_TCP,
                        "raw TCP (NIO) bulk",
                        color(Library.RAW_NIO));
        if (series == 0) {
            return null;
        }
        Files.createDirectories(dir);
        Path file = dir.resolve("throughput.png");
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        return file;
    }

    /** One colour per library, the same in every chart whichever columns ran. */
    private static Color color(Library library) {
        return switch (library) {
            case WEFT -> new Color(0x1f, 0x77, 0xb4);
            case JEROMQ -> new Color(0xff, 0x7f, 0x0e);
            case LIBZMQ -> new Color(0x94, 0x67, 0xbd);
            case RAW_NIO -> new Color(0x2c, 0xa0, 0x2c);
        };
    }

    /**
     * Labels a log2 tick as a size.
     *
     * @param log2 the tick position
     * @return e.g. {@code 4 KiB} at 12; empty between powers of two
     */
    static String sizeLabel(Double log2) {
        long exponent = Math.round(log2);
        if (Math.abs(log2 - exponent) > 1e-6 || exponent < 0 || exponent > 30) {
            return "";
        }
        return Scenario.formatSize(1 << exponent);
    }

    private static int addSeries(
            XYChart chart,
            Summary summary,
            List<Scenario> scenarios,
            Library lib,
            Pattern pattern,
            String name,
            Color color) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        List<String> leftOut = new ArrayList<>();
        for (Scenario s : scenarios) {
            if (s.kind() != Scenario.Kind.THROUGHPUT || s.pattern() != pattern) {
                continue;
            }
            Summary.Cell c = summary.cell(s.id(), lib);
            if (c == null) {
                continue;
            }
            if (c.hasErrors()) {
                leftOut.add(Scenario.formatSize(s.sizeBytes()));
                continue;
            }
            OptionalDouble m = c.median(Metric.MEGABYTES_PER_SECOND);
            if (m.isPresent() && m.getAsDouble() > 0) {
                x.add(Math.log(s.sizeBytes()) / Math.log(2));
                y.add(m.getAsDouble());
            }
        }
        if (x.isEmpty()) {
            return 0;
        }
        if (!leftOut.isEmpty()) {
            // A cell with a failed run has no number to draw; the legend says which are missing.
            name += " (left out, a run failed: " + String.join(", ", leftOut) + ")";
        }
        XYSeries series = chart.addSeries(name, x, y);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setLineColor(color);
        series.setMarkerColor(color);
        return 1;
    }
}

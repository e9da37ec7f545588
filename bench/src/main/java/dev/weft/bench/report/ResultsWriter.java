package dev.weft.bench.report;

import dev.weft.bench.harness.Metric;
import dev.weft.bench.harness.RunRecord;
import dev.weft.bench.harness.Scenario;
import dev.weft.bench.peer.PeerResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Writes every run as one CSV row ({@code runs.csv}) and the rendered report ({@code results.md})
 * into an output directory.
 */
public final class ResultsWriter {
    /**
     * The metrics of the per-side tables, one CSV column each, named by the metric in lower case.
     */
    private static final List<Metric> SIDE_METRICS =
            Arrays.stream(Metric.values())
                    .filter(m -> m.table() != Metric.Table.LIBRARIES)
                    .toList();

    /** Raw per-side fields copied as they were reported: column name, then the result field. */
    private static final List<String[]> SIDE_FIELDS =
            List.of(
                    new String[] {"sender_syscr", "timed_syscr"},
                    new String[] {"sender_syscw", "timed_syscw"},
                    new String[] {"sender_vcsw", "timed_vcsw"},
                    new String[] {"sender_ivcsw", "timed_ivcsw"},
                    new String[] {"sender_socket_reads", "timed_socket_reads"},
                    new String[] {"sender_socket_writes", "timed_socket_writes"},
                    new String[] {"receiver_syscr", "timed_syscr"},
                    new String[] {"receiver_syscw", "timed_syscw"},
                    new String[] {"receiver_vcsw", "timed_vcsw"},
                    new String[] {"receiver_ivcsw", "timed_ivcsw"},
                    new String[] {"receiver_socket_reads", "timed_socket_reads"},
                    new String[] {"receiver_socket_writes", "timed_socket_writes"});

    /** The CSV columns, in order. */
    public static final List<String> COLUMNS = columns();

    private static List<String> columns() {
        List<String> c =
                new ArrayList<>(
                        List.of(
                                "scenario_id",
                                "scenario",
                                "kind",
                                "pattern",
                                "size_bytes",
                                "library",
                                "round",
                                "status",
                                "msgs_per_s",
                                "mb_per_s",
                                "p50_us",
                                "p99_us",
                                "p999_us",
                                "sent_messages",
                                "received_messages",
                                "received_bytes",
                                "timed_messages",
                                "elapsed_ns",
                                "samples",
                                "max_rtt_ns",
                                "connect_retries"));
        for (Metric m : SIDE_METRICS) {
            c.add(m.name().toLowerCase(Locale.ROOT));
        }
        for (String[] f : SIDE_FIELDS) {
            c.add(f[0]);
        }
        c.addAll(List.of("connections", "unsticks", "error"));
        return List.copyOf(c);
    }

    private ResultsWriter() {}

    /**
     * Writes {@code runs.csv}.
     *
     * @param dir the output directory (created if needed)
     * @param runs every run
     * @return the file written
     * @throws IOException when it cannot be written
     */
    public static Path writeCsv(Path dir, List<RunRecord> runs) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("runs.csv");
        Files.writeString(file, toCsv(runs), StandardCharsets.UTF_8);
        return file;
    }

    /**
     * Writes the report text as {@code results.md}.
     *
     * @param dir the output directory (created if needed)
     * @param markdown the report
     * @return the file written
     * @throws IOException when it cannot be written
     */
    public static Path writeMarkdown(Path dir, String markdown) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("results.md");
        Files.writeString(file, markdown, StandardCharsets.UTF_8);
        return file;
    }

    /**
     * Renders runs as CSV (RFC 4180 quoting), header first.
     *
     * @param runs the runs
     * @return the CSV text
     */
    public static String toCsv(List<RunRecord> runs) {
        StringBuilder sb = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (RunRecord r : runs) {
            PeerResult c = r.connecting();
            PeerResult b = r.binding();
            List<String> v = new ArrayList<>();
            v.add(r.scenario().id());
            v.add(r.scenario().title());
            v.add(r.scenario().kind().name().toLowerCase(Locale.ROOT));
            v.add(r.scenario().pattern().name());
            v.add(Integer.toString(r.scenario().sizeBytes()));
            v.add(r.library().cliName());
            v.add(Integer.toString(r.round()));
            v.add(r.isOk() ? "ok" : "error");
            v.add(metric(r, Metric.MESSAGES_PER_SECOND));
            v.add(metric(r, Metric.MEGABYTES_PER_SECOND));
            v.add(metric(r, Metric.P50_MICROS));
            v.add(metric(r, Metric.P99_MICROS));
            v.add(metric(r, Metric.P999_MICROS));
            v.add(field(c, "messages"));
            v.add(field(b, "messages"));
            v.add(field(b, "bytes"));
            v.add(field(b, "timed_messages"));
            v.add(field(b, "elapsed_ns"));
            v.add(field(c, "samples"));
            v.add(field(c, "max_ns"));
            v.add(field(c, "connect_retries"));
            for (Metric m : SIDE_METRICS) {
                v.add(metric(r, m));
            }
            boolean throughput = r.scenario().kind() == Scenario.Kind.THROUGHPUT;
            for (String[] f : SIDE_FIELDS) {
                // Only throughput runs have a sender that connects and a receiver that binds.
                v.add(throughput ? field(f[0].startsWith("sender_") ? c : b, f[1]) : "");
            }
            v.add(field(b, "connections"));
            v.add(field(c, "unsticks"));
            v.add(r.error() == null ? "" : r.error());
            List<String> quoted = new ArrayList<>(v.size());
            for (String s : v) {
                quoted.add(quote(s));
            }
            sb.append(String.join(",", quoted)).append('\n');
        }
        return sb.toString();
    }

    /**
     * Quotes a CSV field when it holds a comma, quote or line break.
     *
     * @param s the field
     * @return the field as it goes into the file
     */
    static String quote(String s) {
        if (s.indexOf(',') < 0
                && s.indexOf('"') < 0
                && s.indexOf('\n') < 0
                && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    private static String metric(RunRecord r, Metric m) {
        Double v = r.metrics().get(m);
        if (v == null) {
            return "";
        }
        return m.table() == Metric.Table.SYSCALLS
                ? String.format(Locale.ROOT, "%.6f", v)
                : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String field(PeerResult p, String name) {
        if (p == null || !p.isOk()) {
            return "";
        }
        String v = p.fields().get(name);
        return v == null ? "" : v;
    }
}

package dev.weft.bench;

import dev.weft.bench.harness.JavaPeerLauncher;
import dev.weft.bench.harness.Profile;
import dev.weft.bench.harness.Scenario;
import dev.weft.bench.harness.Scenarios;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The options of {@code compare}.
 *
 * @param profile full, quick or smoke
 * @param rounds how many times each library runs each scenario
 * @param outputDir where the CSV, Markdown, chart and peer logs go
 * @param libraries which libraries to run (others' columns are left out)
 * @param peerJvmFlags flags for the Java peer JVMs
 * @param only scenario id fragments: when not empty, only scenarios whose id contains one of them
 *     run (e.g. {@code fan-} for the fan-out rows)
 * @param idleConnections how many connections the idle-connection row opens (fewer when the
 *     open-file limit cannot hold them, see {@code CompareCommand})
 */
public record CompareOptions(
        Profile profile,
        int rounds,
        Path outputDir,
        Set<Library> libraries,
        List<String> peerJvmFlags,
        List<String> only,
        int idleConnections) {
    /** Where results go unless {@code --out} says otherwise (relative to the working directory). */
    public static final Path DEFAULT_OUTPUT = Path.of("bench", "target", "results");

    /** The usage text. */
    public static final String USAGE =
            """
            usage: compare [--quick | --smoke] [--rounds N] [--out DIR]
                           [--libraries weft,jeromq,libzmq,raw-nio] [--peer-jvm-args "FLAGS"]
                           [--only ID,...] [--connections N]
              --quick        fewer scenarios and rounds, under a minute
              --smoke        one tiny round, checks that everything runs (measures nothing)
              --rounds N     rounds per library (default: 5 full, 3 quick, 1 smoke)
              --out DIR      output directory (default: bench/target/results)
              --libraries    which libraries to run (default: all; libzmq only if its headers exist)
              --peer-jvm-args flags for the Java peer JVMs (default: %s)
              --only         run only the profile's scenarios whose id contains one of these
                             (ids as in runs.csv, e.g. thr-push_pull-16, fan-lossless-pub_sub-64,
                             idle-dealer_router)
              --connections N idle connections of the idle-connection row (default: 10000 full,
                             500 quick, 20 smoke; fewer if the open-file limit cannot hold them)
            """
                    .formatted(String.join(" ", JavaPeerLauncher.DEFAULT_JVM_FLAGS));

    /** Validates and copies. */
    public CompareOptions {
        if (rounds < 1) {
            throw new IllegalArgumentException("rounds: " + rounds + " (expected: >= 1)");
        }
        if (idleConnections < 1) {
            throw new IllegalArgumentException(
                    "connections: " + idleConnections + " (expected: >= 1)");
        }
        libraries = libraries.isEmpty() ? EnumSet.noneOf(Library.class) : EnumSet.copyOf(libraries);
        peerJvmFlags = List.copyOf(peerJvmFlags);
        only = List.copyOf(only);
    }

    /**
     * Creates options that run every scenario of the profile.
     *
     * @param profile full, quick or smoke
     * @param rounds how many times each library runs each scenario
     * @param outputDir where the results go
     * @param libraries which libraries to run
     * @param peerJvmFlags flags for the Java peer JVMs
     */
    public CompareOptions(
            Profile profile,
            int rounds,
            Path outputDir,
            Set<Library> libraries,
            List<String> peerJvmFlags) {
        this(
                profile,
                rounds,
                outputDir,
                libraries,
                peerJvmFlags,
                List.of(),
                profile.idleConnections());
    }

    /**
     * Returns the profile's scenarios that {@link #only} selects, in run order.
     *
     * @return the scenarios to run
     * @throws IllegalArgumentException when {@link #only} selects none
     */
    public List<Scenario> scenarios() {
        List<Scenario> all = Scenarios.of(profile);
        if (only.isEmpty()) {
            return all;
        }
        List<Scenario> chosen =
                all.stream().filter(s -> only.stream().anyMatch(s.id()::contains)).toList();
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException(
                    "compare: --only "
                            + String.join(",", only)
                            + " selects no scenario of the "
                            + profile.name().toLowerCase(Locale.ROOT)
                            + " profile (its ids: "
                            + all.stream().map(Scenario::id).toList()
                            + ")");
        }
        return chosen;
    }

    /**
     * Parses the command line of {@code compare}.
     *
     * @param args the arguments after {@code compare}
     * @return the options
     * @throws IllegalArgumentException on an unknown or malformed argument
     */
    public static CompareOptions parse(List<String> args) {
        Profile profile = Profile.FULL;
        Integer rounds = null;
        Path out = DEFAULT_OUTPUT;
        Set<Library> libraries = EnumSet.allOf(Library.class);
        List<String> flags = JavaPeerLauncher.DEFAULT_JVM_FLAGS;
        List<String> only = List.of();
        Integer connections = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--quick" -> profile = Profile.QUICK;
                case "--smoke" -> profile = Profile.SMOKE;
                case "--rounds" -> rounds = Integer.parseInt(value(args, ++i, a));
                case "--connections" -> connections = Integer.parseInt(value(args, ++i, a));
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--libraries" -> {
                    libraries = EnumSet.noneOf(Library.class);
                    for (String name : value(args, ++i, a).split(",")) {
                        libraries.add(Library.fromCliName(name.strip()));
                    }
                }
                case "--peer-jvm-args" ->
                        flags =
                                new ArrayList<>(
                                        Arrays.asList(value(args, ++i, a).strip().split("\\s+")));
                case "--only" ->
                        only =
                                Arrays.stream(value(args, ++i, a).split(","))
                                        .map(String::strip)
                                        .filter(f -> !f.isEmpty())
                                        .toList();
                default ->
                        throw new IllegalArgumentException("compare: unknown argument '" + a + "'");
            }
        }
        CompareOptions options =
                new CompareOptions(
                        profile,
                        rounds == null ? profile.rounds() : rounds,
                        out,
                        libraries,
                        flags,
                        only,
                        connections == null ? profile.idleConnections() : connections);
        options.scenarios();
        return options;
    }

    private static String value(List<String> args, int i, String name) {
        if (i >= args.size()) {
            throw new IllegalArgumentException("compare: " + name + " needs a value");
        }
        return args.get(i);
    }
}

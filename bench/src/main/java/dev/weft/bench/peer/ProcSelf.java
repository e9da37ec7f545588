package dev.weft.bench.peer;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What Linux tells a process about itself under {@code /proc/self}: system calls made ({@code io}),
 * context switches per thread ({@code task/<tid>/status}), resident memory ({@code status}), open
 * file descriptors ({@code fd/}) and their limit ({@code limits}). Every reader returns an empty
 * value, never zero, when the file is missing or unreadable (not Linux, or {@code /proc} not
 * mounted), so a missing figure cannot pass for a measured one.
 *
 * <p>The parsers are pure functions of the file's text. Instances are immutable and thread-safe.
 */
public final class ProcSelf {
    /** The running process's own directory. */
    public static final Path SELF = Path.of("/proc", "self");

    private final Path dir;

    /**
     * Reads from a directory laid out like {@code /proc/<pid>} (a test passes a directory of sample
     * files).
     *
     * @param dir the directory
     */
    public ProcSelf(Path dir) {
        this.dir = dir;
    }

    /**
     * Reads this process's own directory.
     *
     * @return a reader of {@link #SELF}
     */
    public static ProcSelf current() {
        return new ProcSelf(SELF);
    }

    /**
     * The counters a timed block starts and ends with: the process's read and write system calls
     * and each live thread's context switches.
     *
     * @param readSyscalls {@code syscr}: read-like system calls of every thread, dead ones included
     * @param writeSyscalls {@code syscw}: write-like system calls of every thread
     * @param threads each live thread's switches, by thread id
     */
    public record Counters(
            long readSyscalls, long writeSyscalls, Map<Integer, ThreadSwitches> threads) {
        /** Copies the thread map. */
        public Counters {
            threads = Map.copyOf(threads);
        }

        /**
         * Returns what happened between an earlier snapshot and this one. A thread that started in
         * between counts from zero; a thread that ended in between is left out (its last switches
         * cannot be read any more), which can only under-count.
         *
         * @param start the earlier snapshot
         * @return the differences
         */
        public TimedCounts since(Counters start) {
            long voluntary = 0;
            long involuntary = 0;
            for (Map.Entry<Integer, ThreadSwitches> e : threads.entrySet()) {
                ThreadSwitches before = start.threads.get(e.getKey());
                ThreadSwitches now = e.getValue();
                voluntary += now.voluntary() - (before == null ? 0 : before.voluntary());
                involuntary += now.involuntary() - (before == null ? 0 : before.involuntary());
            }
            return new TimedCounts(
                    readSyscalls - start.readSyscalls,
                    writeSyscalls - start.writeSyscalls,
                    voluntary,
                    involuntary);
        }
    }

    /**
     * One thread's context switches.
     *
     * @param voluntary {@code voluntary_ctxt_switches}: the thread blocked or yielded
     * @param involuntary {@code nonvoluntary_ctxt_switches}: the scheduler took the CPU away
     */
    public record ThreadSwitches(long voluntary, long involuntary) {}

    /**
     * The counts of one timed block.
     *
     * @param readSyscalls read-like system calls
     * @param writeSyscalls write-like system calls
     * @param voluntarySwitches voluntary context switches, all threads
     * @param involuntarySwitches involuntary context switches, all threads
     */
    public record TimedCounts(
            long readSyscalls,
            long writeSyscalls,
            long voluntarySwitches,
            long involuntarySwitches) {
        /** Result field of {@link #readSyscalls}. */
        public static final String READ_SYSCALLS = "timed_syscr";

        /** Result field of {@link #writeSyscalls}. */
        public static final String WRITE_SYSCALLS = "timed_syscw";

        /** Result field of {@link #voluntarySwitches}. */
        public static final String VOLUNTARY_SWITCHES = "timed_vcsw";

        /** Result field of {@link #involuntarySwitches}. */
        public static final String INVOLUNTARY_SWITCHES = "timed_ivcsw";

        /**
         * Adds the counts to a result's fields.
         *
         * @param fields the fields, in order
         */
        public void addTo(Map<String, String> fields) {
            fields.put(READ_SYSCALLS, Long.toString(readSyscalls));
            fields.put(WRITE_SYSCALLS, Long.toString(writeSyscalls));
            fields.put(VOLUNTARY_SWITCHES, Long.toString(voluntarySwitches));
            fields.put(INVOLUNTARY_SWITCHES, Long.toString(involuntarySwitches));
        }
    }

    /**
     * Takes the snapshot that opens a timed block: the threads first, then {@code io}, so the reads
     * of the thread files fall before the block.
     *
     * @return the counters, or empty when they cannot be read
     */
    public Optional<Counters> countersAtStart() {
        Optional<Map<Integer, ThreadSwitches>> threads = threadSwitches();
        Optional<long[]> io = syscalls();
        return io.isEmpty() || threads.isEmpty()
                ? Optional.empty()
                : Optional.of(new Counters(io.get()[0], io.get()[1], threads.get()));
    }

    /**
     * Takes the snapshot that closes a timed block: {@code io} first, then the threads, so the
     * reads of the thread files fall after the block.
     *
     * @return the counters, or empty when they cannot be read
     */
    public Optional<Counters> countersAtEnd() {
        Optional<long[]> io = syscalls();
        Optional<Map<Integer, ThreadSwitches>> threads = threadSwitches();
        return io.isEmpty() || threads.isEmpty()
                ? Optional.empty()
                : Optional.of(new Counters(io.get()[0], io.get()[1], threads.get()));
    }

    /**
     * Reads the resident set size ({@code VmRSS} of {@code status}).
     *
     * @return kibibytes, or empty when unknown
     */
    public OptionalLong residentKib() {
        return read("status").map(t -> field(t, "VmRSS")).orElse(OptionalLong.empty());
    }

    /**
     * Counts the open file descriptors (entries of {@code fd/}).
     *
     * @return the count, or empty when unknown
     */
    public OptionalLong openFiles() {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(dir.resolve("fd"))) {
            long n = 0;
            for (Path ignored : fds) {
                n++;
            }
            return OptionalLong.of(n);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /**
     * Reads the soft limit of open files ({@code Max open files} in {@code limits}).
     *
     * @return the limit ({@link Long#MAX_VALUE} for unlimited), or empty when unknown
     */
    public OptionalLong openFilesLimit() {
        return read("limits").map(t -> openFilesLimit(t, false)).orElse(OptionalLong.empty());
    }

    /**
     * Reads the hard limit of open files, the most a process may raise its soft limit to.
     *
     * @return the limit ({@link Long#MAX_VALUE} for unlimited), or empty when unknown
     */
    public OptionalLong openFilesHardLimit() {
        return read("limits").map(t -> openFilesLimit(t, true)).orElse(OptionalLong.empty());
    }

    /**
     * Finds a numeric field in a {@code name: value} file such as {@code io} or {@code status}: the
     * first number after the colon of the line that starts with {@code name:}.
     *
     * @param text the file's text
     * @param name e.g. {@code syscr} or {@code VmRSS}
     * @return the value (in the file's unit, e.g. kB for {@code VmRSS}), or empty when the line is
     *     missing or has no number
     */
    public static OptionalLong field(String text, String name) {
        String prefix = name + ":";
        for (String line : text.split("\n")) {
            if (!line.startsWith(prefix)) {
                continue;
            }
            String[] tokens = line.substring(prefix.length()).strip().split("\\s+");
            try {
                return OptionalLong.of(Long.parseLong(tokens[0]));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    /**
     * Finds the open-files limit in the text of {@code limits}: {@code Max open files SOFT HARD
     * files}.
     *
     * @param text the file's text
     * @param hard true for the hard limit, false for the soft one
     * @return the limit ({@link Long#MAX_VALUE} for {@code unlimited}), or empty when missing
     */
    public static OptionalLong openFilesLimit(String text, boolean hard) {
        String prefix = "Max open files";
        for (String line : text.split("\n")) {
            if (!line.startsWith(prefix)) {
                continue;
            }
            String[] tokens = line.substring(prefix.length()).strip().split("\\s+");
            if (tokens.length < 2) {
                return OptionalLong.empty();
            }
            String v = tokens[hard ? 1 : 0];
            if (v.equals("unlimited")) {
                return OptionalLong.of(Long.MAX_VALUE);
            }
            try {
                return OptionalLong.of(Long.parseLong(v));
            } catch (NumberFormatException e) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.empty();
    }

    private Optional<long[]> syscalls() {
        Optional<String> io = read("io");
        if (io.isEmpty()) {
            return Optional.empty();
        }
        OptionalLong r = field(io.get(), "syscr");
        OptionalLong w = field(io.get(), "syscw");
        return r.isEmpty() || w.isEmpty()
                ? Optional.empty()
                : Optional.of(new long[] {r.getAsLong(), w.getAsLong()});
    }

    private Optional<Map<Integer, ThreadSwitches>> threadSwitches() {
        Map<Integer, ThreadSwitches> threads = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(dir.resolve("task"))) {
            for (Path task : tasks) {
                int tid;
                try {
                    tid = Integer.parseInt(task.getFileName().toString());
                } catch (NumberFormatException e) {
                    continue;
                }
                String status;
                try {
                    status = Files.readString(task.resolve("status"));
                } catch (IOException e) {
                    // The thread ended after the directory was listed: nothing left to count.
                    continue;
                }
                OptionalLong v = field(status, "voluntary_ctxt_switches");
                OptionalLong iv = field(status, "nonvoluntary_ctxt_switches");
                if (v.isEmpty() || iv.isEmpty()) {
                    return Optional.empty();
                }
                threads.put(tid, new ThreadSwitches(v.getAsLong(), iv.getAsLong()));
            }
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        return threads.isEmpty() ? Optional.empty() : Optional.of(threads);
    }

    private Optional<String> read(String name) {
        try {
            return Optional.of(Files.readString(dir.resolve(name)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}

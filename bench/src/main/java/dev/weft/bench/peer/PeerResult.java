package dev.weft.bench.peer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a peer reports at the end of a run: a {@code RESULT} line of {@code key=value} fields, or an
 * {@code ERROR} line with a reason. Parsed from, and rendered to, one line of text.
 *
 * <p>Fields every good result has: {@code role}, {@code messages} (including warm-up and excluding
 * the end marker) and {@code bytes} (payload bytes of those messages). Throughput receivers add
 * {@code timed_messages} and {@code elapsed_ns}; latency clients add {@code samples}, {@code
 * p50_ns}, {@code p99_ns}, {@code p999_ns}, {@code min_ns}, {@code max_ns} and {@code mean_ns}.
 * Throughput sides add their timed block's system-call and context-switch counts where they can
 * read them ({@link ProcSelf.TimedCounts}); idle-connection sides add {@code connections}, memory
 * snapshots ({@link MemoryUse}) and, connecting, {@code connect_calls_ns} and {@code connect_ns}.
 *
 * @param error null for a good result, else the reason the peer gave
 * @param fields the result's fields in order (empty for an error)
 */
public record PeerResult(String error, Map<String, String> fields) {
    /** Prefix of a good result line. */
    public static final String RESULT = "RESULT";

    /** Prefix of a failed result line. */
    public static final String ERROR = "ERROR";

    /** Prefix of the line a binding peer prints once it listens. */
    public static final String READY = "READY";

    /** Copies the fields. */
    public PeerResult {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /**
     * Creates a good result.
     *
     * @param fields the fields in order
     * @return the result
     */
    public static PeerResult ok(Map<String, String> fields) {
        return new PeerResult(null, fields);
    }

    /**
     * Creates a failed result.
     *
     * @param reason one line, starting with a condition name such as {@code TIMEOUT:}
     * @return the result
     */
    public static PeerResult failed(String reason) {
        return new PeerResult(reason, Map.of());
    }

    /**
     * Tells whether the peer finished its role correctly.
     *
     * @return true for a {@code RESULT} line
     */
    public boolean isOk() {
        return error == null;
    }

    /**
     * Returns a numeric field.
     *
     * @param name the field name
     * @return its value
     * @throws IllegalStateException when the field is missing or not a number
     */
    public long longField(String name) {
        String v = fields.get(name);
        if (v == null) {
            throw new IllegalStateException(
                    "result has no field '" + name + "' (fields: " + fields.keySet() + ")");
        }
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("result field " + name + "=" + v + " is not a number");
        }
    }

    /**
     * Renders the line a peer prints.
     *
     * @return {@code RESULT k=v ...} or {@code ERROR reason}
     */
    public String toLine() {
        if (error != null) {
            return ERROR + " " + error.replace('\n', ' ');
        }
        StringBuilder sb = new StringBuilder(RESULT);
        fields.forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
        return sb.toString();
    }

    /**
     * Parses a result line.
     *
     * @param line a line a peer printed
     * @return the result, or null when the line is neither {@code RESULT} nor {@code ERROR}
     * @throws IllegalArgumentException when a {@code RESULT} field is not {@code key=value}
     */
    public static PeerResult parse(String line) {
        String s = line.strip();
        if (s.equals(ERROR) || s.startsWith(ERROR + " ")) {
            String reason = s.substring(ERROR.length()).strip();
            return failed(reason.isEmpty() ? "(no reason given)" : reason);
        }
        if (!s.equals(RESULT) && !s.startsWith(RESULT + " ")) {
            return null;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (String token : s.substring(RESULT.length()).strip().split("\\s+")) {
            if (token.isEmpty()) {
                continue;
            }
            int eq = token.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(
                        "result field '" + token + "' in '" + s + "' (expected: key=value)");
            }
            fields.put(token.substring(0, eq), token.substring(eq + 1));
        }
        return ok(fields);
    }
}

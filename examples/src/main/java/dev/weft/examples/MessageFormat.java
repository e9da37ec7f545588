package dev.weft.examples;

import dev.weft.core.Message;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.StringJoiner;

/** How the cli prints a received message: text, hex or one JSON array per line. */
enum MessageFormat {
    /** Frames as UTF-8 text, joined by the separator. */
    TEXT,
    /** Frames as lowercase hex, joined by the separator. */
    HEX,
    /** A JSON array of strings (text frames as text, others as "0x" + hex). */
    JSON;

    String render(Message m, String separator) {
        StringJoiner out =
                this == JSON ? new StringJoiner(",", "[", "]") : new StringJoiner(separator);
        for (int i = 0; i < m.size(); i++) {
            byte[] b = m.frame(i).toByteArray();
            switch (this) {
                case TEXT -> out.add(new String(b, StandardCharsets.UTF_8));
                case HEX -> out.add(HexFormat.of().formatHex(b));
                case JSON -> out.add(jsonString(b));
                default -> throw new IllegalStateException("unreachable");
            }
        }
        return out.toString();
    }

    private static String jsonString(byte[] b) {
        String text = new String(b, StandardCharsets.UTF_8);
        boolean printable = text.chars().allMatch(c -> c >= 0x20 && c != 0xFFFD);
        String s = printable ? text : "0x" + HexFormat.of().formatHex(b);
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }
}

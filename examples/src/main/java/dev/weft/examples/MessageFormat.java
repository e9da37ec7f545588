package dev.weft.examples;

import dev.weft.core.Message;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.StringJoiner;

/**
 * How the cli prints a received message: text, hex or one JSON value per line. A message with a
 * group (DISH) or a routing id (SERVER, PEER) is printed with it: in TEXT and HEX as a first field
 * before the frames ({@code weather|sunny}, {@code 17|hello}; the group as text, the routing id as
 * an unsigned decimal), in JSON as an object {@code {"group":"weather","frames":["sunny"]}} or
 * {@code {"routingId":17,"frames":["hello"]}}.
 */
enum MessageFormat {
    /** Frames as UTF-8 text, joined by the separator. */
    TEXT,
    /** Frames as lowercase hex, joined by the separator. */
    HEX,
    /**
     * A JSON array per message, one element per frame: a frame that is UTF-8 text is a JSON string;
     * any other frame is an object {@code {"hex":"..."}} with its bytes in lowercase hex. A string
     * always stands for its UTF-8 bytes, so the output reads back to the exact frames. A message
     * with a group or a routing id is an object holding it and that array as {@code frames}.
     */
    JSON;

    String render(Message m, String separator) {
        String frames = renderFrames(m, separator);
        if (m.group() != null) {
            byte[] group = m.group().getBytes(StandardCharsets.UTF_8);
            return this == JSON
                    ? "{\"group\":" + jsonFrame(group) + ",\"frames\":" + frames + "}"
                    : m.group() + separator + frames;
        }
        if (m.routingId() != 0) {
            String id = Integer.toUnsignedString(m.routingId());
            return this == JSON
                    ? "{\"routingId\":" + id + ",\"frames\":" + frames + "}"
                    : id + separator + frames;
        }
        return frames;
    }

    private String renderFrames(Message m, String separator) {
        StringJoiner out =
                this == JSON ? new StringJoiner(",", "[", "]") : new StringJoiner(separator);
        for (int i = 0; i < m.size(); i++) {
            byte[] b = m.frame(i).toByteArray();
            switch (this) {
                case TEXT -> out.add(new String(b, StandardCharsets.UTF_8));
                case HEX -> out.add(HexFormat.of().formatHex(b));
                case JSON -> out.add(jsonFrame(b));
                default -> throw new IllegalStateException("unreachable");
            }
        }
        return out.toString();
    }

    private static String jsonFrame(byte[] b) {
        String text = textOrNull(b);
        if (text == null) {
            return "{\"hex\":\"" + HexFormat.of().formatHex(b) + "\"}";
        }
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** Decodes well-formed UTF-8 text with no control characters but tab, CR and LF. */
    private static String textOrNull(byte[] b) {
        String text;
        try {
            text =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(b))
                            .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        boolean printable =
                text.chars()
                        .allMatch(
                                c ->
                                        (c >= 0x20 && c != 0x7f)
                                                || c == '\t'
                                                || c == '\n'
                                                || c == '\r');
        return printable ? text : null;
    }
}

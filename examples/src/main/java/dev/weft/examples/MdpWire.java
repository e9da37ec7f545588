package dev.weft.examples;

import dev.weft.core.Frame;
import dev.weft.core.Message;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/**
 * Wire constants of the Majordomo Protocol 0.1 (RFC 7/MDP) and the management interface (RFC
 * 8/MMI), with small builders for the messages the examples send.
 *
 * <p>Layouts as they travel between a peer and the broker's ROUTER socket. On the broker side the
 * ROUTER adds the peer's routing id in front of each received message and strips it from each sent
 * one; that frame is not drawn.
 *
 * <pre>
 * MDP/Client REQUEST (client -> broker) and REPLY (broker -> client), RFC 7 §MDP/Client:
 * +---------+----------+--------------+---------------+
 * | frame 0 | frame 1  | frame 2      | frames 3..n   |
 * +---------+----------+--------------+---------------+
 * | ""      | "MDPC01" | service name | body (opaque) |
 * +---------+----------+--------------+---------------+
 *   a REQ socket adds and strips frame 0 itself; a DEALER client writes it
 *
 * MDP/Worker commands, RFC 7 §MDP/Worker:
 * +---------+----------+---------+----------------+---------+---------------+
 * | frame 0 | frame 1  | frame 2 | frame 3        | frame 4 | frames 5..n   |
 * +---------+----------+---------+----------------+---------+---------------+
 * | ""      | "MDPW01" | 0x01    | service name   |                            READY      S -> B
 * | ""      | "MDPW01" | 0x02    | client address | ""      | body (opaque) |  REQUEST    B -> S
 * | ""      | "MDPW01" | 0x03    | client address | ""      | body (opaque) |  REPLY      S -> B
 * | ""      | "MDPW01" | 0x04    |                                             HEARTBEAT  both
 * | ""      | "MDPW01" | 0x05    |                                             DISCONNECT both
 * +---------+----------+---------+----------------+---------+---------------+
 *
 * MMI (RFC 8): a client REQUEST to a service named "mmi.*" is answered by the broker itself;
 * "mmi.service" with body [service name] answers "200" (it has a worker) or "404"; any other
 * "mmi.*" service answers "501".
 * </pre>
 *
 * <p>Thread-safety: stateless; every builder returns a new message the caller owns.
 */
final class MdpWire {
    /** Frame 1 of every MDP/Client message: MDP/Client v0.1. */
    static final String CLIENT_HEADER = "MDPC01";

    /** Frame 1 of every MDP/Worker message: MDP/Worker v0.1. */
    static final String WORKER_HEADER = "MDPW01";

    /**
     * Longest service name the examples accept, in bytes. RFC 7 only says "printable string"; the
     * limit keeps a peer from making the broker key its tables and log lines on megabyte names.
     */
    static final int MAX_SERVICE_NAME_BYTES = 255;

    /** RFC 8 §Namespace: services starting with this are handled inside the broker. */
    static final String MMI_PREFIX = "mmi.";

    /** RFC 8 §Default services: does a service have at least one worker? */
    static final String MMI_SERVICE = "mmi.service";

    /** RFC 8: the service has at least one registered worker. */
    static final String MMI_FOUND = "200";

    /** RFC 8: the service has no registered worker. */
    static final String MMI_NOT_FOUND = "404";

    /** RFC 8: an {@code mmi.*} service the broker does not implement. */
    static final String MMI_NOT_IMPLEMENTED = "501";

    private static final byte[] CLIENT_HEADER_BYTES =
            CLIENT_HEADER.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WORKER_HEADER_BYTES =
            WORKER_HEADER.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MMI_PREFIX_BYTES = MMI_PREFIX.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MMI_SERVICE_BYTES = MMI_SERVICE.getBytes(StandardCharsets.US_ASCII);

    private MdpWire() {}

    /** The MDP/Worker command codes (frame 2 of a worker message, one byte). */
    enum Command {
        /** Worker registers for a service: {@code "", MDPW01, 0x01, service}. */
        READY(0x01),
        /** Broker hands a request to a worker: {@code "", MDPW01, 0x02, client, "", body...}. */
        REQUEST(0x02),
        /** Worker answers a request: {@code "", MDPW01, 0x03, client, "", body...}. */
        REPLY(0x03),
        /** Either side is alive: {@code "", MDPW01, 0x04}. */
        HEARTBEAT(0x04),
        /** Either side ends the conversation: {@code "", MDPW01, 0x05}. */
        DISCONNECT(0x05);

        private static final Command[] BY_CODE = {
            null, READY, REQUEST, REPLY, HEARTBEAT, DISCONNECT
        };

        private final byte code;

        Command(int code) {
            this.code = (byte) code;
        }

        /**
         * Returns the command's one-byte code.
         *
         * @return the code
         */
        byte code() {
            return code;
        }

        /**
         * Decodes frame 2 of a worker message.
         *
         * @param frame the command frame
         * @return the command, or null when the frame is not exactly one known command byte
         */
        static Command of(Frame frame) {
            if (frame.size() != 1) {
                return null;
            }
            int code = frame.content().getByte(frame.content().readerIndex());
            return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
        }
    }

    /**
     * Tells whether a frame is the MDP/Client header.
     *
     * @param frame the frame
     * @return true for exactly {@code "MDPC01"}
     */
    static boolean isClientHeader(Frame frame) {
        return frame.contentEquals(CLIENT_HEADER_BYTES);
    }

    /**
     * Tells whether a frame is the MDP/Worker header.
     *
     * @param frame the frame
     * @return true for exactly {@code "MDPW01"}
     */
    static boolean isWorkerHeader(Frame frame) {
        return frame.contentEquals(WORKER_HEADER_BYTES);
    }

    /**
     * Tells whether a frame can be a service name: 1 to {@link #MAX_SERVICE_NAME_BYTES} bytes.
     *
     * @param service the service name frame
     * @return true when its length is acceptable
     */
    static boolean isServiceName(Frame service) {
        return service.size() > 0 && service.size() <= MAX_SERVICE_NAME_BYTES;
    }

    /**
     * Tells whether a service name frame is in the broker's own namespace (RFC 8 §Namespace).
     *
     * @param service the service name frame
     * @return true when it starts with {@code "mmi."}
     */
    static boolean isMmi(Frame service) {
        ByteBuf b = service.content();
        if (b.readableBytes() < MMI_PREFIX_BYTES.length) {
            return false;
        }
        for (int i = 0; i < MMI_PREFIX_BYTES.length; i++) {
            if (b.getByte(b.readerIndex() + i) != MMI_PREFIX_BYTES[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Tells whether a service name frame is {@code "mmi.service"}.
     *
     * @param service the service name frame
     * @return true for exactly that name
     */
    static boolean isMmiService(Frame service) {
        return service.contentEquals(MMI_SERVICE_BYTES);
    }

    /**
     * Returns a new empty frame body (the RFC 7 frame 0 and the envelope delimiter).
     *
     * @return an empty buffer
     */
    static ByteBuf empty() {
        return Unpooled.EMPTY_BUFFER;
    }

    /**
     * Returns a new buffer holding {@code "MDPC01"}.
     *
     * @return the buffer, owned by the caller
     */
    static ByteBuf clientHeader() {
        return Unpooled.wrappedBuffer(CLIENT_HEADER_BYTES);
    }

    /**
     * Returns a new buffer holding {@code "MDPW01"}.
     *
     * @return the buffer, owned by the caller
     */
    static ByteBuf workerHeader() {
        return Unpooled.wrappedBuffer(WORKER_HEADER_BYTES);
    }

    /**
     * Returns a new one-byte buffer holding a command code.
     *
     * @param command the command
     * @return the buffer, owned by the caller
     */
    static ByteBuf command(Command command) {
        return Unpooled.wrappedBuffer(new byte[] {command.code()});
    }

    /**
     * Prepends {@code "", "MDPW01", command} to a message (a worker command without routing id).
     *
     * @param command the command
     * @param message the frames that follow the command; taken over and returned
     * @return the same message
     */
    static Message prependWorkerHeader(Command command, Message message) {
        return message.addFirst(command(command)).addFirst(workerHeader()).addFirst(empty());
    }

    /**
     * Builds a worker command with no further frames (HEARTBEAT, DISCONNECT), as a DEALER sends it.
     *
     * @param command the command
     * @return {@code "", "MDPW01", command}
     */
    static Message workerCommand(Command command) {
        return prependWorkerHeader(command, new Message(3));
    }

    /**
     * Builds a worker's READY, as its DEALER sends it.
     *
     * @param service the service to register for
     * @return {@code "", "MDPW01", 0x01, service}
     */
    static Message ready(String service) {
        return prependWorkerHeader(Command.READY, new Message(4).add(service));
    }

    /**
     * Prepends {@code "", "MDPC01", service} to a request or reply body.
     *
     * @param service the service name
     * @param body the body frames; taken over and returned
     * @return the same message
     */
    static Message prependClientHeader(String service, Message body) {
        return body.addFirst(Unpooled.wrappedBuffer(service.getBytes(StandardCharsets.UTF_8)))
                .addFirst(clientHeader())
                .addFirst(empty());
    }
}

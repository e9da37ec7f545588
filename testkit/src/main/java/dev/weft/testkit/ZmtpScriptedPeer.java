package dev.weft.testkit;

import dev.weft.core.Metadata;
import dev.weft.core.zmtp.Commands;
import dev.weft.core.zmtp.FrameFlags;
import dev.weft.core.zmtp.Greeting;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A scripted raw-ZMTP peer over a real TCP connection, for handshake and malformed-input tests: the
 * test says byte by byte what the peer sends and what it expects back, so it can break any rule of
 * RFC 37 on purpose.
 *
 * <pre>{@code
 * try (ZmtpScriptedPeer peer = ZmtpScriptedPeer.connect(router.bind("tcp://127.0.0.1:*"))) {
 *     peer.sendGreeting().sendReady("DEALER");
 *     peer.expectGreeting(TIMEOUT);
 *     peer.expectReady(TIMEOUT);
 *     peer.sendMessage(bytes("hello"), bytes("world"));
 *     List<byte[]> reply = peer.expectMessage(TIMEOUT);
 * }
 * }</pre>
 *
 * <p>Writing: every {@code send...} method writes at once and blocks only while the kernel's send
 * buffer is full; they write exactly what they are told, flags included (nothing is validated
 * beyond what is needed to encode it), so invalid frames are easy to produce.
 *
 * <p>Reading: every {@code expect...} method blocks on the caller's thread until what it expects
 * has arrived or its timeout passed, and parses the bytes itself (independently of Weft's
 * decoders). When something else arrives, the connection ends early or the time runs out, it throws
 * an {@link AssertionError} that says what was expected and what arrived.
 *
 * <p>Each frame sent or received is logged as one line at {@code DEBUG} on the {@code
 * dev.weft.testkit.ZmtpScriptedPeer} {@link System.Logger}.
 *
 * <p>Not thread-safe: drive one peer from one thread (normally the test's). It starts no threads.
 * It handles one connection; {@link #close()} ends it and stops listening.
 */
public final class ZmtpScriptedPeer implements AutoCloseable {
    /** How long {@link #connect(String)} waits for the TCP connection. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    /**
     * Largest frame body an {@code expect...} method reads; a larger size fails the expectation.
     */
    public static final int MAX_EXPECTED_FRAME = 16 * 1024 * 1024;

    private static final System.Logger LOG = System.getLogger(ZmtpScriptedPeer.class.getName());
    private static final HexFormat HEX = HexFormat.of();
    private static final int SHOWN = 32;
    private static final int MECHANISM_OFFSET = 12;
    private static final int MECHANISM_LENGTH = 20;
    private static final int AS_SERVER_OFFSET = 32;

    private final ServerSocket listener;
    private final String endpoint;
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private String logName;
    private boolean closed;

    /**
     * What a peer announced in its greeting (RFC 37 §Formal Grammar, {@code greeting}).
     *
     * @param major the major version octet
     * @param minor the minor version octet
     * @param mechanism the mechanism name, without the NUL padding
     * @param asServer the as-server flag
     */
    public record PeerGreeting(int major, int minor, String mechanism, boolean asServer) {}

    private record RawFrame(int flags, byte[] body) {
        boolean isCommand() {
            return (flags & FrameFlags.COMMAND) != 0;
        }

        boolean hasMore() {
            return (flags & FrameFlags.MORE) != 0;
        }
    }

    private ZmtpScriptedPeer(ServerSocket listener, String endpoint) {
        this.listener = listener;
        this.endpoint = endpoint;
    }

    // ---- Making a connection. ----

    /**
     * Connects to a ZMTP endpoint, waiting up to {@link #DEFAULT_CONNECT_TIMEOUT}.
     *
     * @param tcpEndpoint e.g. {@code tcp://127.0.0.1:40111} (a concrete port, as {@code bind}
     *     returns it)
     * @return a connected peer that has sent nothing yet
     * @throws IllegalArgumentException when the endpoint is not {@code tcp://host:port}
     * @throws UncheckedIOException when the connection cannot be made
     */
    public static ZmtpScriptedPeer connect(String tcpEndpoint) {
        return connect(tcpEndpoint, DEFAULT_CONNECT_TIMEOUT);
    }

    /**
     * Connects to a ZMTP endpoint.
     *
     * @param tcpEndpoint e.g. {@code tcp://127.0.0.1:40111} or {@code tcp://[::1]:40111}
     * @param timeout how long to wait for the TCP connection
     * @return a connected peer that has sent nothing yet
     * @throws IllegalArgumentException when the endpoint is not {@code tcp://host:port}
     * @throws UncheckedIOException when the connection cannot be made
     */
    public static ZmtpScriptedPeer connect(String tcpEndpoint, Duration timeout) {
        InetSocketAddress address = parseTcpEndpoint(tcpEndpoint);
        ZmtpScriptedPeer peer = new ZmtpScriptedPeer(null, tcpEndpoint);
        Socket s = new Socket();
        try {
            s.connect(address, timeoutMillis(timeout));
            peer.attach(s);
        } catch (IOException e) {
            closeQuietly(s);
            throw new UncheckedIOException("connect to " + tcpEndpoint + " failed: " + e, e);
        }
        return peer;
    }

    /**
     * Listens on an ephemeral port of 127.0.0.1, for a Weft socket to connect to. Call {@link
     * #accept(Duration)} once the other side connects.
     *
     * @return a listening peer; {@link #endpoint()} tells where
     * @throws UncheckedIOException when no port can be bound
     */
    public static ZmtpScriptedPeer listen() {
        try {
            ServerSocket server = new ServerSocket();
            try {
                server.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 16);
            } catch (IOException e) {
                closeQuietly(server);
                throw e;
            }
            String ep = "tcp://127.0.0.1:" + server.getLocalPort();
            LOG.log(System.Logger.Level.DEBUG, "zmtp-peer listening on {0}", ep);
            return new ZmtpScriptedPeer(server, ep);
        } catch (IOException e) {
            throw new UncheckedIOException("listen on 127.0.0.1 failed: " + e, e);
        }
    }

    /**
     * Waits for the one connection this listening peer serves. The listener stays open until {@link
     * #close()}, so a peer that reconnects finds the port taken but is not served.
     *
     * @param timeout how long to wait
     * @return this peer, now connected
     * @throws IllegalStateException when the peer was made by {@code connect} or already accepted
     * @throws AssertionError when nobody connects in time
     */
    public ZmtpScriptedPeer accept(Duration timeout) {
        if (listener == null) {
            throw new IllegalStateException(
                    "accept: this peer was made by connect(" + endpoint + "), not by listen()");
        }
        if (socket != null) {
            throw new IllegalStateException("accept: already connected (" + logName + ")");
        }
        checkOpen();
        try {
            listener.setSoTimeout(timeoutMillis(timeout));
            Socket s = listener.accept();
            try {
                attach(s);
            } catch (IOException e) {
                closeQuietly(s);
                throw e;
            }
            return this;
        } catch (SocketTimeoutException e) {
            throw new AssertionError(
                    "expected a connection to "
                            + endpoint
                            + " within "
                            + timeout.toMillis()
                            + " ms, none arrived",
                    e);
        } catch (IOException e) {
            throw new UncheckedIOException("accept on " + endpoint + " failed: " + e, e);
        }
    }

    /**
     * Returns the endpoint this peer connected to, or the one it listens on.
     *
     * @return e.g. {@code tcp://127.0.0.1:40111}
     */
    public String endpoint() {
        return endpoint;
    }

    /**
     * Returns this side's address of the connection, in the form Weft reports as a monitor event's
     * {@code peerAddress}, so a test can pick this peer's events.
     *
     * @return e.g. {@code 127.0.0.1:40112}
     * @throws IllegalStateException when not connected yet
     */
    public String localAddress() {
        checkConnected();
        return hostAndPort(socket.getLocalAddress(), socket.getLocalPort());
    }

    // ---- Encoding helpers. ----

    /**
     * Builds a 64-octet greeting with any version and mechanism: signature {@code FF, 8 x 00, 7F},
     * the two version octets, the NUL-padded mechanism, as-server 0 and 31 zero octets of filler.
     * Nothing is validated beyond what fits, so tests can also send nonsense.
     *
     * @param major the major version, 0..255
     * @param minor the minor version, 0..255
     * @param mechanism up to 20 ASCII characters
     * @return a new array of 64 octets
     * @throws IllegalArgumentException when a value does not fit its field
     */
    public static byte[] greetingBytes(int major, int minor, String mechanism) {
        checkOctet("major", major);
        checkOctet("minor", minor);
        byte[] name = mechanism.getBytes(StandardCharsets.US_ASCII);
        if (name.length > MECHANISM_LENGTH) {
            throw new IllegalArgumentException(
                    "mechanism '"
                            + mechanism
                            + "': "
                            + name.length
                            + " characters (expected: at most 20)");
        }
        byte[] g = new byte[Greeting.SIZE];
        g[0] = (byte) 0xFF;
        g[9] = 0x7F;
        g[10] = (byte) major;
        g[11] = (byte) minor;
        System.arraycopy(name, 0, g, MECHANISM_OFFSET, name.length);
        return g;
    }

    /**
     * Encodes READY/INITIATE metadata properties (RFC 37 §Connection Metadata) without a frame
     * header or command name, e.g. for a READY that lacks {@code Socket-Type}.
     *
     * @param metadata the properties, in order
     * @return the encoded properties
     */
    public static byte[] encodeMetadata(Metadata metadata) {
        ByteBuf buf = Unpooled.buffer(Commands.metadataSize(metadata));
        try {
            Commands.writeMetadata(metadata, buf);
            return ByteBufUtil.getBytes(buf);
        } finally {
            buf.release();
        }
    }

    /**
     * Builds a command frame body: the name's length octet, the name, then the data (RFC 37 {@code
     * command-body}). Use it with {@link #sendFrame(int, byte[])} to send a command with unusual
     * flags.
     *
     * @param name 1..255 ASCII characters (not checked to be letters)
     * @param data the command data after the name
     * @return a new array
     * @throws IllegalArgumentException when the name is empty or longer than 255 characters
     */
    public static byte[] commandBody(String name, byte[] data) {
        byte[] n = name.getBytes(StandardCharsets.US_ASCII);
        if (n.length == 0 || n.length > FrameFlags.MAX_SHORT_SIZE) {
            throw new IllegalArgumentException(
                    "command name '" + name + "': " + n.length + " characters (expected: 1..255)");
        }
        byte[] body = new byte[1 + n.length + data.length];
        body[0] = (byte) n.length;
        System.arraycopy(n, 0, body, 1, n.length);
        System.arraycopy(data, 0, body, 1 + n.length, data.length);
        return body;
    }

    // ---- Sending. ----

    /**
     * Writes bytes as they are.
     *
     * @param bytes anything
     * @return this peer
     * @throws UncheckedIOException when the connection fails
     */
    public ZmtpScriptedPeer sendRaw(byte[] bytes) {
        write(bytes, "RAW  " + bytes.length + " " + preview(bytes, 0, bytes.length));
        return this;
    }

    /**
     * Sends a whole ZMTP 3.1 greeting for the NULL mechanism.
     *
     * @return this peer
     * @throws UncheckedIOException when the connection fails
     */
    public ZmtpScriptedPeer sendGreeting() {
        return sendGreeting(Greeting.MAJOR, Greeting.MINOR, "NULL");
    }

    /**
     * Sends a whole greeting as built by {@link #greetingBytes(int, int, String)}.
     *
     * @param major the major version, 0..255
     * @param minor the minor version, 0..255
     * @param mechanism up to 20 ASCII characters
     * @return this peer
     * @throws UncheckedIOException when the connection fails
     */
    public ZmtpScriptedPeer sendGreeting(int major, int minor, String mechanism) {
        write(
                greetingBytes(major, minor, mechanism),
                "GREETING " + major + "." + minor + " " + mechanism);
        return this;
    }

    /**
     * Sends a NULL-mechanism READY command announcing a socket type and no identity.
     *
     * @param socketType the {@code Socket-Type} value, e.g. {@code DEALER}
     * @return this peer
     * @throws UncheckedIOException when the connection fails
     */
    public ZmtpScriptedPeer sendReady(String socketType) {
        return sendReady(socketType, null);
    }

    /**
     * Sends a NULL-mechanism READY command announcing a socket type and an identity.
     *
     * @param socketType the {@code Socket-Type} value, e.g. {@code DEALER}
     * @param identity the {@code Identity} value, or null to leave the property out
     * @return this peer
     * @throws UncheckedIOException when the connection fails
     */
    public ZmtpScriptedPeer sendReady(String socketType, byte[] identity) {
        Metadata.Builder b = Metadata.builder().put(Metadata.SOCKET_TYPE, socketType);
        if (identity != null) {
            b.put(Metadata.IDENTITY, identity);
        }
        return sendCommand("READY", encodeMetadata(b.build()));
    }

    /**
     * Sends a command frame: the length-prefixed name, then the data (RFC 37 {@code command-body}).
     *
     * @param name 1..255 ASCII characters (not checked to be letters)
     * @param data the command data after the name
     * @return this peer
     * @throws IllegalArgumentException when the name is empty or longer than 255 characters
     * @throws UncheckedIOException when the connection fails
     */
    public ZmtpScriptedPeer sendCommand(String name, byte[] data) {
        return sendFrame(FrameFlags.COMMAND, commandBody(name, data));
    }

    /**
     * Sends one frame with exactly the given flags octet, reserved bits included. The size field is
     * eight octets when {@code flags} has LONG set or the body is longer than 255 octets (LONG is
     * then added), else one octet.
     *
     * @param flags the flags octet, 0..255
     * @param body the frame body
     * @return this peer
     * @throws UncheckedIOException when the connection fails
     */
    public ZmtpScriptedPeer sendFrame(int flags, byte[] body) {
        checkOctet("flags", flags);
        boolean isLong = (flags & FrameFlags.LONG) != 0 || body.length > FrameFlags.MAX_SHORT_SIZE;
        int wireFlags = isLong ? flags | FrameFlags.LONG : flags;
        ByteBuffer frame = ByteBuffer.allocate((isLong ? 9 : 2) + body.length);
        frame.put((byte) wireFlags);
        if (isLong) {
            frame.putLong(body.length);
        } else {
            frame.put((byte) body.length);
        }
        frame.put(body);
        write(frame.array(), describe(wireFlags, body.length, body));
        return this;
    }

    /**
     * Sends only a frame header announcing {@code size} octets, and no body: the way to claim a
     * huge frame. The size field is eight octets when {@code flags} has LONG set or the size is
     * above 255 (LONG is then added), else one octet.
     *
     * @param flags the flags octet, 0..255
     * @param size the announced body size, written as an unsigned 64-bit value when long
     * @return this peer
     * @throws IllegalArgumentException when a short size is negative
     * @throws UncheckedIOException when the connection fails
     */
    public ZmtpScriptedPeer sendFrameHeader(int flags, long size) {
        checkOctet("flags", flags);
        boolean isLong =
                (flags & FrameFlags.LONG) != 0 || size < 0 || size > FrameFlags.MAX_SHORT_SIZE;
        int wireFlags = isLong ? flags | FrameFlags.LONG : flags;
        ByteBuffer header = ByteBuffer.allocate(isLong ? 9 : 2);
        header.put((byte) wireFlags);
        if (isLong) {
            header.putLong(size);
        } else {
            header.put((byte) size);
        }
        write(
                header.array(),
                String.format("HDR  flags 0x%02x size %s", wireFlags, Long.toUnsignedString(size)));
        return this;
    }

    /**
     * Sends a message: MORE on every frame but the last.
     *
     * @param frames one or more frame bodies
     * @return this peer
     * @throws IllegalArgumentException when there are no frames
     * @throws UncheckedIOException when the connection fails
     */
    public ZmtpScriptedPeer sendMessage(byte[]... frames) {
        if (frames.length == 0) {
            throw new IllegalArgumentException("sendMessage: 0 frames (expected: at least 1)");
        }
        for (int i = 0; i < frames.length; i++) {
            sendFrame(i < frames.length - 1 ? FrameFlags.MORE : 0, frames[i]);
        }
        return this;
    }

    /**
     * Ends this side's sending half (TCP FIN) but keeps reading, so a test can still watch the
     * other side react, e.g. with {@link #awaitClosedByPeer(Duration)}.
     *
     * @return this peer
     * @throws UncheckedIOException when the connection fails
     */
    public ZmtpScriptedPeer shutdownOutput() {
        checkConnected();
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException(logName + ": shutdownOutput failed: " + e, e);
        }
        LOG.log(System.Logger.Level.DEBUG, "{0} > FIN", logName);
        return this;
    }

    // ---- Receiving. ----

    /**
     * Does a whole NULL handshake as the given socket type: sends a 3.1 greeting and READY, then
     * expects a NULL greeting and the peer's READY.
     *
     * @param socketType the {@code Socket-Type} to announce
     * @param timeout how long the whole exchange may take
     * @return the peer's READY metadata
     * @throws AssertionError when the peer does not answer with a NULL greeting and READY in time
     */
    public Metadata handshake(String socketType, Duration timeout) {
        long deadlineNs = deadline(timeout);
        sendGreeting();
        sendReady(socketType);
        PeerGreeting g = readGreeting(deadlineNs);
        if (!"NULL".equals(g.mechanism())) {
            throw new AssertionError(
                    logName + ": expected a greeting for mechanism NULL, got " + g.mechanism());
        }
        return parseMetadata(readCommand("READY", deadlineNs));
    }

    /**
     * Reads the peer's 64-octet greeting and checks its signature.
     *
     * @param timeout how long to wait for all 64 octets
     * @return the parsed greeting; the version and mechanism are not checked
     * @throws AssertionError when the signature is wrong, the connection ends or time runs out
     */
    public PeerGreeting expectGreeting(Duration timeout) {
        return readGreeting(deadline(timeout));
    }

    /**
     * Reads the next frame and checks it is the named command.
     *
     * @param name the expected command name, e.g. {@code READY}
     * @param timeout how long to wait for the whole frame
     * @return the command data after the name
     * @throws AssertionError when anything else arrives, the connection ends or time runs out
     */
    public byte[] expectCommand(String name, Duration timeout) {
        return readCommand(name, deadline(timeout));
    }

    /**
     * Reads the next frame, checks it is a READY command and parses its metadata.
     *
     * @param timeout how long to wait for the whole frame
     * @return the announced properties
     * @throws AssertionError when anything else arrives, the metadata is malformed, the connection
     *     ends or time runs out
     */
    public Metadata expectReady(Duration timeout) {
        return parseMetadata(expectCommand("READY", timeout));
    }

    /**
     * Reads the frames of the next message, up to one without MORE.
     *
     * @param timeout how long to wait for the whole message
     * @return the frame bodies, in order (an unmodifiable list)
     * @throws AssertionError when a command arrives, the connection ends or time runs out
     */
    public List<byte[]> expectMessage(Duration timeout) {
        long deadlineNs = deadline(timeout);
        List<byte[]> frames = new ArrayList<>();
        while (true) {
            String what =
                    frames.isEmpty()
                            ? "a message"
                            : "frame " + (frames.size() + 1) + " of a message";
            RawFrame f = readFrame(what, deadlineNs);
            if (f.isCommand()) {
                throw new AssertionError(
                        logName
                                + ": expected "
                                + what
                                + ", got "
                                + describe(f.flags(), f.body().length, f.body()));
            }
            frames.add(f.body());
            if (!f.hasMore()) {
                return List.copyOf(frames);
            }
        }
    }

    /**
     * Waits for the other side to close the connection, discarding whatever it still sends.
     *
     * @param timeout how long to wait
     * @return true when the connection ended (end of stream or reset); false when it was still open
     *     at the timeout
     */
    public boolean awaitClosedByPeer(Duration timeout) {
        checkConnected();
        long deadlineNs = deadline(timeout);
        byte[] scratch = new byte[4096];
        long discarded = 0;
        while (true) {
            long remainingNs = deadlineNs - System.nanoTime();
            if (remainingNs <= 0) {
                LOG.log(
                        System.Logger.Level.DEBUG,
                        "{0} still open after {1} ms ({2} octets discarded)",
                        logName,
                        timeout.toMillis(),
                        discarded);
                return false;
            }
            try {
                socket.setSoTimeout(nanosToMillis(remainingNs));
                int n = in.read(scratch);
                if (n < 0) {
                    LOG.log(
                            System.Logger.Level.DEBUG,
                            "{0} < EOF ({1} octets discarded)",
                            logName,
                            discarded);
                    return true;
                }
                LOG.log(
                        System.Logger.Level.DEBUG,
                        "{0} < RAW  {1} {2} (discarded)",
                        logName,
                        n,
                        preview(scratch, 0, n));
                discarded += n;
            } catch (SocketTimeoutException e) {
                // Loop: the deadline check above decides.
            } catch (IOException e) {
                // A reset (the other side closed with our bytes unread) is a close too.
                LOG.log(System.Logger.Level.DEBUG, "{0} < closed: {1}", logName, e.toString());
                return true;
            }
        }
    }

    /** Closes the connection and the listener, if any. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (socket != null) {
            closeQuietly(socket);
            LOG.log(System.Logger.Level.DEBUG, "{0} closed", logName);
        }
        if (listener != null) {
            closeQuietly(listener);
        }
    }

    @Override
    public String toString() {
        return "ZmtpScriptedPeer[" + (logName != null ? logName : "listening on " + endpoint) + "]";
    }

    // ---- Internals. ----

    private void attach(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        socket = s;
        in = s.getInputStream();
        out = s.getOutputStream();
        logName =
                "zmtp-peer "
                        + hostAndPort(s.getLocalAddress(), s.getLocalPort())
                        + (listener == null ? " -> " : " <- ")
                        + hostAndPort(s.getInetAddress(), s.getPort());
        LOG.log(System.Logger.Level.DEBUG, "{0} connected", logName);
    }

    private void write(byte[] bytes, String logLine) {
        checkConnected();
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(logName + ": sending " + logLine + " failed: " + e, e);
        }
        LOG.log(System.Logger.Level.DEBUG, "{0} > {1}", logName, logLine);
    }

    private PeerGreeting readGreeting(long deadlineNs) {
        byte[] g = readFully(Greeting.SIZE, "a greeting", deadlineNs);
        if ((g[0] & 0xFF) != 0xFF || g[9] != 0x7F) {
            throw new AssertionError(
                    logName
                            + ": expected a greeting starting ff <8 octets> 7f, got "
                            + HEX.formatHex(g, 0, 12)
                            + "…");
        }
        int major = g[10] & 0xFF;
        int minor = g[11] & 0xFF;
        int len = 0;
        while (len < MECHANISM_LENGTH && g[MECHANISM_OFFSET + len] != 0) {
            len++;
        }
        String mechanism = new String(g, MECHANISM_OFFSET, len, StandardCharsets.US_ASCII);
        PeerGreeting greeting = new PeerGreeting(major, minor, mechanism, g[AS_SERVER_OFFSET] == 1);
        LOG.log(
                System.Logger.Level.DEBUG,
                "{0} < GREETING {1}.{2} {3}{4}",
                logName,
                major,
                minor,
                mechanism,
                greeting.asServer() ? " as-server" : "");
        return greeting;
    }

    private byte[] readCommand(String name, long deadlineNs) {
        String what = "command " + name;
        RawFrame f = readFrame(what, deadlineNs);
        if (!f.isCommand()) {
            throw new AssertionError(
                    logName
                            + ": expected "
                            + what
                            + ", got "
                            + describe(f.flags(), f.body().length, f.body()));
        }
        if (f.hasMore()) {
            throw new AssertionError(
                    String.format(
                            "%s: expected %s, got a command frame with MORE set (flags 0x%02x)",
                            logName, what, f.flags()));
        }
        byte[] body = f.body();
        int nameLen = body.length == 0 ? 0 : body[0] & 0xFF;
        if (nameLen == 0 || nameLen > body.length - 1) {
            throw new AssertionError(
                    logName
                            + ": expected "
                            + what
                            + ", got a command frame of "
                            + body.length
                            + " octets whose name length is "
                            + nameLen
                            + ": "
                            + preview(body, 0, body.length));
        }
        String actual = new String(body, 1, nameLen, StandardCharsets.US_ASCII);
        byte[] data = Arrays.copyOfRange(body, 1 + nameLen, body.length);
        if (!actual.equals(name)) {
            throw new AssertionError(
                    logName
                            + ": expected "
                            + what
                            + ", got command "
                            + actual
                            + ("ERROR".equals(actual)
                                    ? " with reason '" + errorReason(data) + "'"
                                    : " with data " + preview(data, 0, data.length)));
        }
        return data;
    }

    private RawFrame readFrame(String what, long deadlineNs) {
        int flags = readFully(1, what + " (flags octet)", deadlineNs)[0] & 0xFF;
        if ((flags & FrameFlags.RESERVED) != 0) {
            throw new AssertionError(
                    String.format(
                            "%s: expected %s, got a frame with reserved flag bits set: 0x%02x",
                            logName, what, flags));
        }
        long size;
        if ((flags & FrameFlags.LONG) != 0) {
            size = ByteBuffer.wrap(readFully(8, what + " (8-octet size)", deadlineNs)).getLong();
        } else {
            size = readFully(1, what + " (size octet)", deadlineNs)[0] & 0xFF;
        }
        if (size < 0 || size > MAX_EXPECTED_FRAME) {
            throw new AssertionError(
                    String.format(
                            "%s: expected %s, got a frame header (flags 0x%02x) announcing %s"
                                    + " octets (this peer reads at most %d)",
                            logName, what, flags, Long.toUnsignedString(size), MAX_EXPECTED_FRAME));
        }
        byte[] body = readFully((int) size, what + " (" + size + "-octet body)", deadlineNs);
        LOG.log(System.Logger.Level.DEBUG, "{0} < {1}", logName, describe(flags, size, body));
        return new RawFrame(flags, body);
    }

    private byte[] readFully(int n, String what, long deadlineNs) {
        checkConnected();
        byte[] b = new byte[n];
        int got = 0;
        while (got < n) {
            long remainingNs = deadlineNs - System.nanoTime();
            if (remainingNs <= 0) {
                throw timedOut(what, got, n, b);
            }
            int r;
            try {
                socket.setSoTimeout(nanosToMillis(remainingNs));
                r = in.read(b, got, n - got);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (SocketException e) {
                throw new AssertionError(
                        logName
                                + ": expected "
                                + what
                                + ", but the connection failed after "
                                + got
                                + " of "
                                + n
                                + " octets: "
                                + e,
                        e);
            } catch (IOException e) {
                throw new UncheckedIOException(logName + ": reading " + what + " failed", e);
            }
            if (r < 0) {
                throw new AssertionError(
                        logName
                                + ": expected "
                                + what
                                + ", but the peer closed the connection"
                                + " after "
                                + got
                                + " of "
                                + n
                                + " octets"
                                + (got > 0 ? ": " + preview(b, 0, got) : ""));
            }
            got += r;
        }
        return b;
    }

    private AssertionError timedOut(String what, int got, int n, byte[] b) {
        return new AssertionError(
                logName
                        + ": expected "
                        + what
                        + ", but it did not arrive in time (got "
                        + got
                        + " of "
                        + n
                        + " octets"
                        + (got > 0 ? ": " + preview(b, 0, got) : "")
                        + ")");
    }

    private Metadata parseMetadata(byte[] data) {
        Metadata.Builder b = Metadata.builder();
        ByteBuffer buf = ByteBuffer.wrap(data);
        while (buf.hasRemaining()) {
            int nameLen = buf.get() & 0xFF;
            if (nameLen == 0 || nameLen > buf.remaining()) {
                throw malformedMetadata("name length " + nameLen, buf, data);
            }
            byte[] name = new byte[nameLen];
            buf.get(name);
            String property = new String(name, StandardCharsets.US_ASCII);
            if (buf.remaining() < 4) {
                throw malformedMetadata(
                        "property '" + property + "' has no value length", buf, data);
            }
            long valueLen = buf.getInt() & 0xFFFF_FFFFL;
            if (valueLen > buf.remaining()) {
                throw malformedMetadata(
                        "property '" + property + "' value length " + valueLen, buf, data);
            }
            byte[] value = new byte[(int) valueLen];
            buf.get(value);
            try {
                b.put(property, value);
            } catch (IllegalArgumentException e) {
                throw malformedMetadata(e.getMessage(), buf, data);
            }
        }
        return b.build();
    }

    private AssertionError malformedMetadata(String problem, ByteBuffer buf, byte[] data) {
        return new AssertionError(
                logName
                        + ": expected well-formed READY metadata, got "
                        + problem
                        + " with "
                        + buf.remaining()
                        + " octets left: "
                        + preview(data, 0, data.length));
    }

    private static String errorReason(byte[] data) {
        if (data.length == 0) {
            return "";
        }
        int len = Math.min(data[0] & 0xFF, data.length - 1);
        return new String(data, 1, len, StandardCharsets.US_ASCII);
    }

    private static String describe(int flags, long size, byte[] body) {
        StringBuilder sb = new StringBuilder();
        if ((flags & FrameFlags.COMMAND) != 0) {
            sb.append("CMD");
            int nameLen = body.length == 0 ? 0 : body[0] & 0xFF;
            if (nameLen > 0 && nameLen < body.length) {
                sb.append(' ').append(new String(body, 1, nameLen, StandardCharsets.US_ASCII));
            }
        } else {
            sb.append((flags & FrameFlags.MORE) != 0 ? "MSG+" : "MSG ");
        }
        boolean command = (flags & FrameFlags.COMMAND) != 0;
        if ((flags & FrameFlags.RESERVED) != 0 || (command && (flags & FrameFlags.MORE) != 0)) {
            sb.append(String.format(" flags 0x%02x", flags));
        }
        sb.append(' ').append(size).append(' ').append(preview(body, 0, body.length));
        return sb.toString();
    }

    private static String preview(byte[] b, int from, int to) {
        int n = Math.min(SHOWN, to - from);
        return HEX.formatHex(b, from, from + n) + (n < to - from ? "…" : "");
    }

    private void checkConnected() {
        checkOpen();
        if (socket == null) {
            throw new IllegalStateException(
                    "not connected: call accept(Duration) on a listening peer first ("
                            + endpoint
                            + ")");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("closed: " + this);
        }
    }

    private static InetSocketAddress parseTcpEndpoint(String endpoint) {
        try {
            URI uri = new URI(endpoint);
            String host = uri.getHost();
            if (!"tcp".equals(uri.getScheme()) || host == null || uri.getPort() < 1) {
                throw new IllegalArgumentException(
                        "endpoint '"
                                + endpoint
                                + "' (expected: tcp://host:port with a concrete"
                                + " port)");
            }
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            return new InetSocketAddress(host, uri.getPort());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(
                    "endpoint '"
                            + endpoint
                            + "': "
                            + e.getMessage()
                            + " (expected: tcp://host:port)",
                    e);
        }
    }

    private static String hostAndPort(InetAddress address, int port) {
        String host = address.getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    private static void checkOctet(String name, int value) {
        if (value < 0 || value > 255) {
            throw new IllegalArgumentException(name + ": " + value + " (expected: 0..255)");
        }
    }

    private static long deadline(Duration timeout) {
        return System.nanoTime() + timeout.toNanos();
    }

    private static int timeoutMillis(Duration timeout) {
        return nanosToMillis(timeout.toNanos());
    }

    private static int nanosToMillis(long nanos) {
        // SO_TIMEOUT 0 would mean "forever": never pass less than 1 ms.
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (nanos + 999_999) / 1_000_000));
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "zmtp-peer: close failed: {0}", e.toString());
        }
    }
}

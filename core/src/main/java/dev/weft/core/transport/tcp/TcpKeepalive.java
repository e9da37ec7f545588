package dev.weft.core.transport.tcp;

import dev.weft.core.Keepalive;
import dev.weft.core.SocketOptions;
import java.io.IOException;
import java.net.SocketOption;
import java.net.StandardSocketOptions;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.function.Consumer;
import jdk.net.ExtendedSocketOptions;

/**
 * Applies a socket's TCP keepalive options ({@link SocketOptions#tcpKeepalive()} and its idle,
 * count and interval) to one connection, as libzmq does: {@code SO_KEEPALIVE} unless left to the
 * system, and the idle time, probe count and interval only when keepalive is on and each is set. An
 * option the platform lacks keeps the system's value. Stateless; call on the thread that owns the
 * channel.
 */
final class TcpKeepalive {
    // Tests read the options back from the channel here; a no-op otherwise.
    private static volatile Consumer<SocketChannel> appliedForTest = ch -> {};

    private TcpKeepalive() {}

    /**
     * Sets the keepalive options on a connection, dialed or accepted.
     *
     * @param ch the open channel
     * @param options the socket's options
     * @throws IOException when the channel refuses an option
     */
    static void apply(SocketChannel ch, SocketOptions options) throws IOException {
        Keepalive mode = options.tcpKeepalive();
        if (mode != Keepalive.SYSTEM_DEFAULT) {
            ch.setOption(StandardSocketOptions.SO_KEEPALIVE, mode == Keepalive.ON);
        }
        if (mode == Keepalive.ON) {
            setSeconds(ch, ExtendedSocketOptions.TCP_KEEPIDLE, options.tcpKeepaliveIdle());
            setSeconds(ch, ExtendedSocketOptions.TCP_KEEPINTERVAL, options.tcpKeepaliveInterval());
            if (options.tcpKeepaliveCount() > 0
                    && ch.supportedOptions().contains(ExtendedSocketOptions.TCP_KEEPCOUNT)) {
                ch.setOption(ExtendedSocketOptions.TCP_KEEPCOUNT, options.tcpKeepaliveCount());
            }
        }
        appliedForTest.accept(ch);
    }

    /**
     * Sets what tests run on each channel after the options are applied.
     *
     * @param hook called on the I/O thread with the open channel
     */
    static void observeForTest(Consumer<SocketChannel> hook) {
        appliedForTest = hook;
    }

    private static void setSeconds(SocketChannel ch, SocketOption<Integer> option, Duration value)
            throws IOException {
        if (!value.isZero() && ch.supportedOptions().contains(option)) {
            ch.setOption(option, (int) value.getSeconds());
        }
    }
}

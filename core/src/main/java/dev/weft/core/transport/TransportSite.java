package dev.weft.core.transport;

import dev.weft.core.io.IoThread;
import io.netty.buffer.ByteBufAllocator;
import java.net.InetAddress;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * What a transport's listeners and dialers get from the socket they serve.
 *
 * @param ioThread the socket's I/O thread, where listeners and dialers live
 * @param owner the socket
 * @param allocator where connection buffers come from
 * @param resolver looks a host name up off the I/O thread; may complete on any thread
 */
public record TransportSite(
        IoThread ioThread,
        ConnectionOwner owner,
        ByteBufAllocator allocator,
        Function<String, CompletableFuture<InetAddress>> resolver) {}

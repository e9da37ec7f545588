/**
 * Weft's engine: messages, the ZMTP codec and handshake, pipes, routing primitives, the socket
 * core, I/O threads and transports. Only {@code dev.weft.core} is public API; the engine packages
 * are open to Weft's own modules.
 */
module dev.weft.core {
    requires transitive io.netty.buffer;
    requires io.netty.common;
    requires transitive jdk.net;

    exports dev.weft.core;
    // The patterns module's tests script wire bytes; its roles never import the wire package.
    exports dev.weft.core.zmtp to
            dev.weft.patterns,
            dev.weft.testkit;
    exports dev.weft.core.pipe to
            dev.weft.patterns;
    exports dev.weft.core.route to
            dev.weft.patterns;
    exports dev.weft.core.role to
            dev.weft.patterns;
    exports dev.weft.core.socket to
            dev.weft.patterns;
    exports dev.weft.core.io to
            dev.weft.patterns;
}

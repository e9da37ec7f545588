package dev.weft.patterns.interop;

import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;

/** A ZeroMQ socket of another implementation, driven by an interop test. */
interface InteropPeer extends AutoCloseable {
    /** The implementations Weft is tested against. */
    enum Kind {
        JEROMQ,
        LIBZMQ;

        InteropPeer start(String socketType) {
            return this == JEROMQ
                    ? new Jero(JeroPeer.start(socketType))
                    : new Libzmq(LibzmqPeer.start(socketType));
        }
    }

    void routingId(byte[] id);

    String bind(String endpoint);

    /**
     * Connects to a Weft socket; {@code weftHandshakeDone} tells when Weft saw the handshake (used
     * to nudge, then recreate once, a stalled JeroMQ connecter, as docs/INTEROP.md describes).
     */
    void connect(String endpoint, BooleanSupplier weftHandshakeDone);

    void send(List<byte[]> frames);

    List<byte[]> receive(Duration timeout);

    java.util.Optional<List<byte[]>> tryReceive(Duration timeout);

    /** Subscribes a SUB (by option) or an XSUB (by sending {@code 0x01} + topic). */
    void subscribe(byte[] topic);

    /** Unsubscribes a SUB (by option) or an XSUB (by sending {@code 0x00} + topic). */
    void unsubscribe(byte[] topic);

    @Override
    void close();

    /** JeroMQ in this JVM. */
    final class Jero implements InteropPeer {
        private final JeroPeer peer;

        Jero(JeroPeer peer) {
            this.peer = peer;
        }

        @Override
        public void routingId(byte[] id) {
            peer.routingId(id);
        }

        @Override
        public String bind(String endpoint) {
            return peer.bind(endpoint);
        }

        @Override
        public void connect(String endpoint, BooleanSupplier weftHandshakeDone) {
            peer.connectWithRetry(endpoint, Duration.ofSeconds(5), weftHandshakeDone);
        }

        @Override
        public void send(List<byte[]> frames) {
            peer.send(frames);
        }

        @Override
        public List<byte[]> receive(Duration timeout) {
            return peer.receive(timeout);
        }

        @Override
        public java.util.Optional<List<byte[]>> tryReceive(Duration timeout) {
            return peer.tryReceive(timeout);
        }

        @Override
        public void subscribe(byte[] topic) {
            if (peer.socketType() == org.zeromq.SocketType.XSUB) {
                peer.send(List.of(prefixed(1, topic)));
            } else {
                peer.subscribe(topic);
            }
        }

        @Override
        public void unsubscribe(byte[] topic) {
            if (peer.socketType() == org.zeromq.SocketType.XSUB) {
                peer.send(List.of(prefixed(0, topic)));
            } else {
                byte[] copy = topic.clone();
                peer.configure(sock -> sock.unsubscribe(copy));
            }
        }

        private static byte[] prefixed(int kind, byte[] topic) {
            byte[] b = new byte[topic.length + 1];
            b[0] = (byte) kind;
            System.arraycopy(topic, 0, b, 1, topic.length);
            return b;
        }

        @Override
        public void close() {
            peer.close();
        }

        @Override
        public String toString() {
            return peer.toString();
        }
    }

    /** libzmq through pyzmq in a subprocess. */
    final class Libzmq implements InteropPeer {
        private final LibzmqPeer peer;

        Libzmq(LibzmqPeer peer) {
            this.peer = peer;
        }

        @Override
        public void routingId(byte[] id) {
            peer.setOption("routing_id", id);
        }

        @Override
        public String bind(String endpoint) {
            return peer.bind(endpoint);
        }

        @Override
        public void connect(String endpoint, BooleanSupplier weftHandshakeDone) {
            peer.connect(endpoint);
        }

        @Override
        public void send(List<byte[]> frames) {
            peer.send(frames);
        }

        @Override
        public List<byte[]> receive(Duration timeout) {
            return peer.receive(timeout);
        }

        @Override
        public java.util.Optional<List<byte[]>> tryReceive(Duration timeout) {
            return peer.tryReceive(timeout);
        }

        @Override
        public void subscribe(byte[] topic) {
            peer.subscribe(topic);
        }

        @Override
        public void unsubscribe(byte[] topic) {
            peer.unsubscribe(topic);
        }

        @Override
        public void close() {
            peer.close();
        }

        @Override
        public String toString() {
            return peer.toString();
        }
    }
}

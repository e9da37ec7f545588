package dev.weft.core.transport;

import dev.weft.core.Metadata;
import dev.weft.core.MonitorEvent;
import dev.weft.core.SocketOptions;
import dev.weft.core.SocketType;
import dev.weft.core.pipe.PeerCommand;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.pipe.PipeEngine;
import dev.weft.core.pipe.PipeOwner;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A socket for transport tests: makes plain pipes and records what its sessions tell it. */
final class RecordingOwner implements ConnectionOwner, PipeOwner {
    final List<Pipe> ready = new CopyOnWriteArrayList<>();
    final List<Pipe> reconnected = new CopyOnWriteArrayList<>();
    final List<Pipe> stopped = new CopyOnWriteArrayList<>();
    final List<Pipe> ended = new CopyOnWriteArrayList<>();
    final List<Pipe> readable = new CopyOnWriteArrayList<>();
    final List<String> commands = new CopyOnWriteArrayList<>();
    final List<MonitorEvent> events = new CopyOnWriteArrayList<>();
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger reconnects = new AtomicInteger();
    final AtomicInteger droppedDatagrams = new AtomicInteger();
    volatile int receiveHwm = 100;
    volatile SocketOptions options = SocketOptions.DEFAULTS;

    @Override
    public SocketType socketType() {
        return SocketType.ROUTER;
    }

    @Override
    public SocketOptions options() {
        return options;
    }

    @Override
    public Metadata handshakeMetadata() {
        return Metadata.EMPTY;
    }

    @Override
    public Pipe connectionReady(
            PipeEngine engine,
            SocketType peerType,
            Metadata peerMetadata,
            boolean peerSpeaks31,
            String endpoint,
            String peerAddress) {
        Pipe p =
                new Pipe(
                        this,
                        engine,
                        100,
                        receiveHwm,
                        peerType,
                        peerMetadata,
                        endpoint,
                        peerAddress,
                        peerSpeaks31);
        ready.add(p);
        return p;
    }

    @Override
    public Pipe dialerStarted(String endpoint, boolean subscribeToAll) {
        throw new AssertionError("not used");
    }

    @Override
    public void dialerStopped(Pipe pipe) {
        stopped.add(pipe);
    }

    @Override
    public boolean pipeReconnected(Pipe pipe) {
        reconnected.add(pipe);
        return true;
    }

    @Override
    public void connectionOpened() {
        opened.incrementAndGet();
    }

    @Override
    public void connectionEnded(Pipe pipe) {
        ended.add(pipe);
    }

    @Override
    public void commandReceived(Pipe pipe, PeerCommand command) {
        commands.add(command.toString());
    }

    @Override
    public void emit(MonitorEvent event) {
        events.add(event);
    }

    @Override
    public void countHandshakeFailure() {}

    @Override
    public void countReconnect() {
        reconnects.incrementAndGet();
    }

    @Override
    public void countDroppedDatagram() {
        droppedDatagrams.incrementAndGet();
    }

    @Override
    public void listenerBound(ListenerLimit limit) {}

    @Override
    public void listenerUnbound(ListenerLimit limit) {}

    @Override
    public void pipeReadable(Pipe pipe) {
        readable.add(pipe);
    }

    @Override
    public boolean tryPipeReadable(Pipe pipe) {
        return true;
    }

    @Override
    public boolean tryPipeWritable(Pipe pipe) {
        return true;
    }

    @Override
    public void pipeWritable(Pipe pipe) {}

    @Override
    public void pipeDrained(Pipe pipe) {}
}

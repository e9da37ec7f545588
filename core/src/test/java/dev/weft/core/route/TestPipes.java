package dev.weft.core.route;

import dev.weft.core.Metadata;
import dev.weft.core.SocketType;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.pipe.PipeEngine;
import dev.weft.core.pipe.PipeOwner;
import java.util.ArrayList;
import java.util.List;

/** Pipes with no connection behind them, for routing-primitive tests. */
final class TestPipes implements PipeOwner, PipeEngine {
    final List<Pipe> readable = new ArrayList<>();
    final List<Pipe> writable = new ArrayList<>();
    final List<String> rejections = new ArrayList<>();

    Pipe pipe(int hwm) {
        return new Pipe(
                this,
                this,
                hwm,
                hwm,
                SocketType.DEALER,
                Metadata.EMPTY,
                "tcp://127.0.0.1:1",
                "test",
                true);
    }

    @Override
    public void pipeReadable(Pipe pipe) {
        readable.add(pipe);
    }

    @Override
    public void pipeWritable(Pipe pipe) {
        writable.add(pipe);
    }

    @Override
    public void pipeDrained(Pipe pipe) {}

    @Override
    public void outboundReady() {}

    @Override
    public void inboundDrained() {}

    @Override
    public void reject(String reason) {
        rejections.add(reason);
    }
}

package dev.weft.core.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Message;
import dev.weft.core.Metadata;
import dev.weft.core.SocketType;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.pipe.PipeEngine;
import dev.weft.core.pipe.PipeOwner;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DepartedPipesTest {
    private static final long ONE_FRAME_OF_10 =
            DepartedPipes.MESSAGE_OVERHEAD + DepartedPipes.FRAME_OVERHEAD + 10;

    private final Owner owner = new Owner();
    private final List<Pipe> made = new ArrayList<>();

    @AfterEach
    void releaseEverything() {
        for (Pipe p : made) {
            p.releaseQueued();
        }
    }

    @Test
    void shouldWeighUnreadFramesAndBookkeepingWhenAPeerLeaves() {
        DepartedPipes departed = new DepartedPipes(Long.MAX_VALUE);
        // More than one queue chunk (256), so the walk crosses chunks.
        Pipe p = departedPipe(300, "0123456789");
        Pipe twoFrames = departedPipe(0, null);
        twoFrames.deliver(Message.of("abc", "de"));

        departed.add(p);
        departed.add(twoFrames);

        long twoFramesWeight =
                DepartedPipes.PIPE_OVERHEAD
                        + DepartedPipes.MESSAGE_OVERHEAD
                        + 2 * DepartedPipes.FRAME_OVERHEAD
                        + 5;
        assertThat(departed.pipes()).isEqualTo(2);
        assertThat(departed.messages()).isEqualTo(301);
        assertThat(departed.bytes())
                .isEqualTo(DepartedPipes.PIPE_OVERHEAD + 300 * ONE_FRAME_OF_10 + twoFramesWeight);
    }

    @Test
    void shouldWeighTheReadBuffersThatSlicedFramesKeepAliveOnce() {
        DepartedPipes departed = new DepartedPipes(Long.MAX_VALUE);
        owner.ledger = departed;
        ByteBuf first = Unpooled.buffer(65_536).writeZero(3_000);
        ByteBuf second = Unpooled.buffer(32_768).writeZero(2_000);
        Pipe p = departedPipe(0, null);
        p.deliver(Message.wrap(first.retainedSlice(0, 1_500)));
        p.deliver(Message.wrap(first.retainedSlice(1_500, 1_500)));
        p.deliver(Message.wrap(second.retainedSlice(0, 2_000)));
        first.release();
        second.release();
        long messages = 3 * (DepartedPipes.MESSAGE_OVERHEAD + DepartedPipes.FRAME_OVERHEAD) + 5_000;

        departed.add(p);

        assertThat(departed.bytes())
                .isEqualTo(DepartedPipes.PIPE_OVERHEAD + messages + 65_536 + 32_768);
        for (int i = 0; i < 3; i++) {
            p.read().close();
        }
        assertThat(departed.bytes())
                .as("pinned buffers stay counted until the pipe goes")
                .isEqualTo(DepartedPipes.PIPE_OVERHEAD + 65_536 + 32_768);
        departed.remove(p);
        assertThat(departed.bytes()).isZero();
    }

    @Test
    void shouldTakeOffWhatTheRoleReadsAndForgetAPipeReadDry() {
        DepartedPipes departed = new DepartedPipes(Long.MAX_VALUE);
        owner.ledger = departed;
        Pipe p = departedPipe(3, "0123456789");
        departed.add(p);

        p.read().close();

        assertThat(departed.messages()).isEqualTo(2);
        assertThat(departed.bytes()).isEqualTo(DepartedPipes.PIPE_OVERHEAD + 2 * ONE_FRAME_OF_10);
        p.read().close();
        p.read().close();
        assertThat(owner.drained).containsExactly(p);
        departed.remove(p);
        assertThat(departed.pipes()).isZero();
        assertThat(departed.messages()).isZero();
        assertThat(departed.bytes()).isZero();
    }

    @Test
    void shouldIgnoreReadsAndRemovalsOfPipesItDoesNotHold() {
        DepartedPipes departed = new DepartedPipes(Long.MAX_VALUE);
        owner.ledger = departed;
        Pipe held = departedPipe(1, "0123456789");
        Pipe other = departedPipe(2, "0123456789");
        departed.add(held);

        other.read().close();
        departed.remove(other);

        assertThat(departed.pipes()).isEqualTo(1);
        assertThat(departed.bytes()).isEqualTo(DepartedPipes.PIPE_OVERHEAD + ONE_FRAME_OF_10);
    }

    @Test
    void shouldGiveUpTheOldestDeparturesUntilWithinBudget() {
        long onePipe = DepartedPipes.PIPE_OVERHEAD + ONE_FRAME_OF_10;
        DepartedPipes departed = new DepartedPipes(2 * onePipe);
        Pipe first = departedPipe(1, "0123456789");
        Pipe second = departedPipe(1, "0123456789");
        Pipe third = departedPipe(1, "0123456789");
        departed.add(first);
        departed.add(second);
        assertThat(departed.takeOldestOverBudget()).isNull();

        departed.add(third);

        assertThat(departed.takeOldestOverBudget()).isSameAs(first);
        assertThat(departed.takeOldestOverBudget()).isNull();
        assertThat(departed.pipes()).isEqualTo(2);
        assertThat(departed.bytes()).isEqualTo(2 * onePipe);
    }

    @Test
    void shouldKeepTheNewestDepartureWholeUntilAnotherPeerLeaves() {
        long onePipe = DepartedPipes.PIPE_OVERHEAD + ONE_FRAME_OF_10;
        DepartedPipes departed = new DepartedPipes(DepartedPipes.PIPE_OVERHEAD);
        Pipe big = departedPipe(1, "0123456789");
        departed.add(big);

        assertThat(departed.takeOldestOverBudget()).as("the newest is never taken").isNull();
        assertThat(departed.bytes()).isEqualTo(onePipe);

        Pipe next = departedPipe(1, "0123456789");
        departed.add(next);

        assertThat(departed.takeOldestOverBudget()).isSameAs(big);
        assertThat(departed.takeOldestOverBudget()).isNull();
        assertThat(departed.pipes()).isEqualTo(1);
        assertThat(departed.bytes()).isEqualTo(onePipe);
    }

    /** A pipe whose peer sent {@code messages} one-frame messages and left. */
    private Pipe departedPipe(int messages, String body) {
        Pipe p =
                new Pipe(
                        owner,
                        owner,
                        0,
                        0,
                        SocketType.DEALER,
                        Metadata.EMPTY,
                        "tcp://127.0.0.1:1",
                        "peer",
                        true);
        made.add(p);
        for (int i = 0; i < messages; i++) {
            p.deliver(Message.of(body));
        }
        p.connectionClosed();
        return p;
    }

    /** Stands in for the socket core: passes departed reads to the ledger under test. */
    private static final class Owner implements PipeOwner, PipeEngine {
        DepartedPipes ledger;
        final List<Pipe> drained = new ArrayList<>();

        @Override
        public void pipeReadable(Pipe pipe) {}

        @Override
        public void pipeWritable(Pipe pipe) {}

        @Override
        public void pipeDrained(Pipe pipe) {
            drained.add(pipe);
        }

        @Override
        public void departedMessageRead(Pipe pipe, Message message) {
            if (ledger != null) {
                ledger.messageRead(pipe, message);
            }
        }

        @Override
        public void outboundReady() {}

        @Override
        public void inboundDrained() {}

        @Override
        public void reject(String reason) {}
    }
}

package dev.weft.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Message;
import dev.weft.core.pipe.Pipe;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FairQueueTest {
    private final TestPipes pipes = new TestPipes();

    @Test
    void shouldTakeOneMessageFromEachPipeInTurn() {
        FairQueue fq = new FairQueue();
        Pipe a = pipes.pipe(0);
        Pipe b = pipes.pipe(0);
        fq.attach(a);
        fq.attach(b);
        for (int i = 0; i < 3; i++) {
            a.deliver(Message.of("a" + i));
            b.deliver(Message.of("b" + i));
        }
        List<String> order = new ArrayList<>();
        Message m;
        while ((m = fq.receive()) != null) {
            order.add(m.strings().get(0));
            m.close();
        }
        assertThat(order).containsExactly("a0", "b0", "a1", "b1", "a2", "b2");
    }

    @Test
    void shouldReadAPipeAgainAfterItsReadableEdge() {
        FairQueue fq = new FairQueue();
        Pipe a = pipes.pipe(0);
        fq.attach(a);
        assertThat(fq.receive()).isNull();
        assertThat(fq.canReceive()).isFalse();

        a.deliver(Message.of("late"));
        assertThat(pipes.readable).containsExactly(a);
        fq.activate(a);
        assertThat(fq.canReceive()).isTrue();
        try (Message m = fq.receive()) {
            assertThat(m.strings()).containsExactly("late");
            assertThat(fq.lastPipe()).isSameAs(a);
        }
    }

    @Test
    void shouldForgetADetachedPipe() {
        FairQueue fq = new FairQueue();
        Pipe a = pipes.pipe(0);
        fq.attach(a);
        a.deliver(Message.of("x"));
        fq.detach(a);
        assertThat(fq.receive()).isNull();
        assertThat(fq.lastPipe()).isNull();
        a.releaseQueued();
    }
}

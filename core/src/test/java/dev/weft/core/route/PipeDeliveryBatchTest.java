package dev.weft.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Message;
import dev.weft.core.pipe.Pipe;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class PipeDeliveryBatchTest {
    private final TestPipes pipes = new TestPipes();

    @Test
    void shouldReportOneReadableEdgePerBatchAfterTheBatch() {
        Pipe p = pipes.pipe(0);
        for (int i = 0; i < 3; i++) {
            p.deliverInBatch(Message.of("m" + i));
        }
        assertThat(pipes.readable).as("nothing reported inside the batch").isEmpty();

        p.endDeliveryBatch();
        p.endDeliveryBatch();

        assertThat(pipes.readable).containsExactly(p);
        assertThat(p.inboundDepth()).isEqualTo(3);
        drain(p);
    }

    @Test
    void shouldReportNothingForABatchThatFoundTheReaderAwake() {
        Pipe p = pipes.pipe(0);
        p.deliverInBatch(Message.of("wakes"));
        p.endDeliveryBatch();
        p.deliverInBatch(Message.of("reader not idle yet"));
        p.endDeliveryBatch();

        assertThat(pipes.readable).containsExactly(p);
        drain(p);
        p.deliverInBatch(Message.of("after the reader went idle"));
        p.endDeliveryBatch();
        assertThat(pipes.readable).containsExactly(p, p);
        drain(p);
    }

    @Test
    void shouldSayWhenTheBatchFilledTheQueue() {
        Pipe p = pipes.pipe(2);
        assertThat(p.deliverInBatch(Message.of("one"))).isFalse();
        assertThat(p.deliverInBatch(Message.of("two"))).as("at the high-water mark").isTrue();
        p.endDeliveryBatch();
        drain(p);
    }

    private static void drain(Pipe p) {
        Message m;
        while ((m = p.read()) != null) {
            m.close();
        }
    }
}

package dev.weft.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Message;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.pipe.SharedMessage;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class DistributorTest {
    private final TestPipes pipes = new TestPipes();

    @Test
    void shouldQueueOneSharedMessageInEveryMatchingPipe() {
        Distributor d = new Distributor();
        Pipe a = attach(d, 0);
        Pipe b = attach(d, 0);
        Pipe c = attach(d, 0);
        ByteBuf body = Unpooled.directBuffer(4).writeInt(7);

        d.matchAll();
        assertThat(d.sendToMatching(Message.wrap(body))).isZero();

        Object fromA = a.nextOutbound();
        assertThat(fromA).isInstanceOf(SharedMessage.class);
        assertThat(b.nextOutbound()).isSameAs(fromA);
        assertThat(c.nextOutbound()).isSameAs(fromA);
        SharedMessage shared = (SharedMessage) fromA;
        assertThat(shared.shares()).isEqualTo(3);
        assertThat(body.refCnt()).as("frames are neither copied nor retained per pipe").isOne();
        shared.release();
        shared.release();
        shared.release();
        assertThat(body.refCnt()).isZero();
    }

    @Test
    void shouldSendThePlainMessageWhenOnlyOnePipeTakesIt() {
        Distributor d = new Distributor();
        Pipe a = attach(d, 0);
        attach(d, 0);
        d.match(a);
        Message m = Message.of("only a");

        assertThat(d.sendToMatching(m)).isZero();

        assertThat(a.nextOutbound()).isSameAs(m);
        m.close();
    }

    @Test
    void shouldSkipAndCountFullPipesAndKeepOrderInTheOthers() {
        Distributor d = new Distributor();
        Pipe full = attach(d, 1);
        Pipe a = attach(d, 0);
        Pipe b = attach(d, 0);
        List<Integer> skipped = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            d.matchAll();
            skipped.add(d.sendToMatching(Message.of("m" + i)));
        }

        assertThat(skipped).containsExactly(0, 1, 1);
        assertThat(drain(full)).containsExactly("m0");
        assertThat(drain(a)).containsExactly("m0", "m1", "m2");
        assertThat(drain(b)).containsExactly("m0", "m1", "m2");
    }

    @Test
    void shouldKeepAFullPipeSkippedUntilItDrainsToItsLowWaterMark() {
        Distributor d = new Distributor();
        Pipe slow = attach(d, 4);
        Pipe fast = attach(d, 0);
        for (int i = 0; i < 5; i++) {
            d.matchAll();
            d.sendToMatching(Message.of("m" + i));
        }
        assertThat(slow.outboundDepth()).isEqualTo(4);

        takeOne(slow);
        assertThat(slow.canWrite()).as("room for one").isTrue();
        d.matchAll();
        assertThat(d.sendToMatching(Message.of("above the low-water mark")))
                .as("libzmq's hysteresis: still full until the low-water mark")
                .isOne();
        assertThat(pipes.writable).isEmpty();

        takeOne(slow);
        assertThat(pipes.writable).containsExactly(slow);
        d.matchAll();
        assertThat(d.sendToMatching(Message.of("after"))).isZero();
        assertThat(drain(slow)).containsExactly("m2", "m3", "after");
        assertThat(drain(fast))
                .containsExactly("m0", "m1", "m2", "m3", "m4", "above the low-water mark", "after");
    }

    @Test
    void shouldReleaseTheShareOfAPipeWhoseConnectionEnded() {
        Distributor d = new Distributor();
        Pipe gone = attach(d, 0);
        Pipe a = attach(d, 0);
        Pipe b = attach(d, 0);
        gone.connectionClosed();
        ByteBuf body = Unpooled.directBuffer(1).writeByte(1);

        d.matchAll();
        assertThat(d.sendToMatching(Message.wrap(body))).isOne();

        assertThat(gone.nextOutbound()).isNull();
        drain(a);
        drain(b);
        assertThat(body.refCnt()).isZero();
    }

    @Test
    void shouldCloseTheMessageWhenNoPipeTakesIt() {
        Distributor d = new Distributor();
        Pipe full = attach(d, 1);
        d.matchAll();
        d.sendToMatching(Message.of("fills"));
        ByteBuf body = Unpooled.directBuffer(1).writeByte(1);

        d.matchAll();
        assertThat(d.sendToMatching(Message.wrap(body))).isOne();

        assertThat(body.refCnt()).isZero();
        drain(full);
    }

    @Test
    void shouldReleaseQueuedSharesWhenAPipeIsDropped() {
        Distributor d = new Distributor();
        Pipe a = attach(d, 0);
        Pipe b = attach(d, 0);
        ByteBuf body = Unpooled.directBuffer(1).writeByte(1);
        d.matchAll();
        d.sendToMatching(Message.wrap(body));

        assertThat(a.releaseQueued()).isOne();
        assertThat(body.refCnt()).isOne();
        assertThat(b.releaseQueued()).isOne();
        assertThat(body.refCnt()).isZero();
    }

    @Test
    void shouldSendOnlyToMatchedPipesAfterDetachesAndAnInversion() {
        Distributor d = new Distributor();
        Pipe a = attach(d, 0);
        Pipe b = attach(d, 0);
        Pipe c = attach(d, 0);
        Pipe e = attach(d, 0);
        d.match(b);
        d.detach(b);
        d.detach(b);
        d.match(c);
        d.match(c);
        d.invertMatches();

        assertThat(d.sendToMatching(Message.of("not c"))).isZero();

        assertThat(drain(a)).containsExactly("not c");
        assertThat(drain(c)).isEmpty();
        assertThat(drain(e)).containsExactly("not c");
        List<Pipe> visited = new ArrayList<>();
        for (int i = 0; i < d.size(); i++) {
            visited.add(d.pipe(i));
        }
        assertThat(visited).containsExactlyInAnyOrder(a, c, e);
    }

    @Test
    void shouldNotSendToAPipeAttachedBetweenMatchAndSend() {
        Distributor d = new Distributor();
        Pipe a = attach(d, 0);
        d.match(a);
        Pipe late = attach(d, 0);

        d.sendToMatching(Message.of("for a"));

        assertThat(drain(a)).containsExactly("for a");
        assertThat(drain(late)).isEmpty();
    }

    private Pipe attach(Distributor d, int hwm) {
        Pipe p = pipes.pipe(hwm);
        d.attach(p);
        return p;
    }

    private static void takeOne(Pipe p) {
        Object o = p.nextOutbound();
        if (o instanceof SharedMessage s) {
            s.release();
        } else {
            ((Message) o).close();
        }
    }

    private static List<String> drain(Pipe p) {
        List<String> out = new ArrayList<>();
        Object o;
        while ((o = p.nextOutbound()) != null) {
            if (o instanceof SharedMessage s) {
                out.add(s.message().strings().get(0));
                s.release();
            } else {
                Message m = (Message) o;
                out.add(m.strings().get(0));
                m.close();
            }
        }
        return out;
    }
}

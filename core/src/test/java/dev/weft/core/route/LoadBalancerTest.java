package dev.weft.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.Message;
import dev.weft.core.pipe.Pipe;
import org.junit.jupiter.api.Test;

class LoadBalancerTest {
    private final TestPipes pipes = new TestPipes();

    @Test
    void shouldSendRoundRobin() {
        LoadBalancer lb = new LoadBalancer();
        Pipe a = pipes.pipe(0);
        Pipe b = pipes.pipe(0);
        lb.attach(a);
        lb.attach(b);
        for (int i = 0; i < 6; i++) {
            assertThat(lb.send(Message.of("m" + i))).isTrue();
        }
        assertThat(a.outboundDepth()).isEqualTo(3);
        assertThat(b.outboundDepth()).isEqualTo(3);
        drain(a);
        drain(b);
    }

    @Test
    void shouldSkipAFullPipeUntilItIsWritableAgain() {
        LoadBalancer lb = new LoadBalancer();
        Pipe small = pipes.pipe(1);
        Pipe big = pipes.pipe(100);
        lb.attach(small);
        lb.attach(big);
        for (int i = 0; i < 5; i++) {
            assertThat(lb.send(Message.of("m" + i))).isTrue();
        }
        assertThat(small.outboundDepth()).isEqualTo(1);
        assertThat(big.outboundDepth()).isEqualTo(4);

        ((Message) small.nextOutbound()).close();
        assertThat(pipes.writable).containsExactly(small);
        lb.activate(small);
        lb.send(Message.of("after"));
        lb.send(Message.of("after"));
        assertThat(small.outboundDepth()).isEqualTo(1);
        drain(small);
        drain(big);
    }

    @Test
    void shouldRefuseWhenEveryPipeIsFullAndLeaveTheMessageWithTheCaller() {
        LoadBalancer lb = new LoadBalancer();
        Pipe p = pipes.pipe(1);
        lb.attach(p);
        lb.send(Message.of("fills"));
        Message m = Message.of("refused");
        assertThat(lb.send(m)).isFalse();
        assertThat(lb.canSend()).isFalse();
        m.close();
        drain(p);
    }

    @Test
    void shouldForgetADetachedPipe() {
        LoadBalancer lb = new LoadBalancer();
        Pipe a = pipes.pipe(0);
        lb.attach(a);
        lb.detach(a);
        lb.detach(a);
        Message m = Message.of("nowhere");
        assertThat(lb.send(m)).isFalse();
        assertThat(lb.size()).isZero();
        m.close();
    }

    @Test
    void shouldKeepTheRoundRobinWhenAPipeLeavesOrFillsUp() {
        LoadBalancer lb = new LoadBalancer();
        Pipe a = pipes.pipe(0);
        Pipe b = pipes.pipe(1);
        Pipe c = pipes.pipe(0);
        lb.attach(a);
        lb.attach(b);
        lb.attach(c);
        for (int i = 0; i < 3; i++) {
            lb.send(Message.of("m" + i));
        }
        lb.detach(a);
        for (int i = 0; i < 4; i++) {
            assertThat(lb.send(Message.of("n" + i))).isTrue();
        }

        assertThat(a.outboundDepth()).isOne();
        assertThat(b.outboundDepth()).as("full after its first message").isOne();
        assertThat(c.outboundDepth()).isEqualTo(5);
        assertThat(lb.lastPipe()).isSameAs(c);
        assertThat(lb.size()).isEqualTo(2);
        drain(a);
        drain(b);
        drain(c);
    }

    @Test
    void shouldSendAndReceiveThroughOnePipeInALoadBalancerAndAFairQueue() {
        LoadBalancer lb = new LoadBalancer();
        FairQueue fq = new FairQueue();
        Pipe a = pipes.pipe(0);
        Pipe b = pipes.pipe(0);
        for (Pipe p : new Pipe[] {a, b}) {
            lb.attach(p);
            fq.attach(p);
        }
        assertThat(fq.receive()).as("both read empty, both idle").isNull();
        b.deliver(Message.of("from b"));
        fq.activate(b);
        lb.detach(a);

        try (Message m = fq.receive()) {
            assertThat(m.strings()).containsExactly("from b");
        }
        assertThat(lb.send(Message.of("to b"))).isTrue();
        assertThat(b.outboundDepth()).isOne();
        assertThat(a.outboundDepth()).isZero();
        drain(b);
    }

    private static void drain(Pipe p) {
        Object m;
        while ((m = p.nextOutbound()) != null) {
            ((Message) m).close();
        }
    }
}

package dev.weft.patterns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.weft.core.Context;
import io.netty.buffer.UnpooledByteBufAllocator;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Idle connections hold no I/O buffer: once traffic stops, the read buffers and write buffers of
 * both ends are given back. The context uses an unpooled allocator, whose direct-memory figure
 * counts exactly the buffers alive.
 */
@Timeout(60)
class IdleConnectionBuffersTest {
    private final UnpooledByteBufAllocator allocator = new UnpooledByteBufAllocator(true);
    private final Context ctx = Context.builder().allocator(allocator).build();

    @AfterEach
    void tearDown() {
        ctx.close();
    }

    @Test
    void shouldHoldNoDirectBufferOnceTrafficStops() {
        RouterSocket router = new RouterSocket(ctx);
        String ep = router.bind("tcp://127.0.0.1:*");
        DealerSocket dealer = new DealerSocket(ctx);
        dealer.connect(ep);

        for (int i = 0; i < 3; i++) {
            dealer.send("request-" + i, "x".repeat(2000));
            assertThat(Received.texts(router)).hasSize(3).element(1).isEqualTo("request-" + i);
        }
        dealer.send("last");
        assertThat(Received.texts(router)).element(1).isEqualTo("last");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> allocator.metric().usedDirectMemory() == 0);
    }
}

package dev.weft.core.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.core.pipe.Pipe;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutingTableTest {
    private final TestPipes pipes = new TestPipes();

    @Test
    void shouldFindAPipeByTheBytesOfAFrame() {
        RoutingTable table = new RoutingTable();
        Pipe p = pipes.pipe(0);
        assertThat(table.add(new byte[] {'i', 'd'}, p, false))
                .isEqualTo(RoutingTable.AddResult.ADDED);
        ByteBuf frame = Unpooled.wrappedBuffer(new byte[] {'x', 'i', 'd'}).skipBytes(1);
        assertThat(table.get(frame)).isSameAs(p);
        assertThat(table.get(Unpooled.wrappedBuffer(new byte[] {'i'}))).isNull();
        assertThat(table.get(new byte[] {'i', 'd'})).isSameAs(p);
        assertThat(p.routingId()).containsExactly('i', 'd');
    }

    @Test
    void shouldRefuseADuplicateWithoutHandover() {
        RoutingTable table = new RoutingTable();
        Pipe first = pipes.pipe(0);
        Pipe second = pipes.pipe(0);
        table.add(new byte[] {1}, first, false);
        assertThat(table.add(new byte[] {1}, second, false))
                .isEqualTo(RoutingTable.AddResult.DUPLICATE);
        assertThat(table.get(new byte[] {1})).isSameAs(first);
        assertThat(second.routingId()).isNull();
    }

    @Test
    void shouldHandAnIdOverAndReportTheDisplacedPipe() {
        RoutingTable table = new RoutingTable();
        Pipe first = pipes.pipe(0);
        Pipe second = pipes.pipe(0);
        table.add(new byte[] {1}, first, true);
        assertThat(table.add(new byte[] {1}, second, true))
                .isEqualTo(RoutingTable.AddResult.HANDED_OVER);
        assertThat(table.displaced()).isSameAs(first);
        assertThat(table.get(new byte[] {1})).isSameAs(second);
        table.remove(first);
        assertThat(table.get(new byte[] {1}))
                .as("removing the old pipe keeps the new")
                .isSameAs(second);
    }

    @Test
    void shouldGenerateDistinctLibzmqStyleIds() {
        RoutingTable table = new RoutingTable();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            byte[] id = table.generateRouterId();
            assertThat(id).hasSize(5);
            assertThat(id[0]).isZero();
            table.add(id, pipes.pipe(0), false);
            ids.add(java.util.HexFormat.of().formatHex(id));
        }
        assertThat(ids).hasSize(1000);
        byte[] serverId = table.generateServerId();
        assertThat(serverId).hasSize(4);
        assertThat(serverId).isNotEqualTo(new byte[4]);
    }

    @Test
    void shouldFindAPipeByItsServerIdAsAnInteger() {
        RoutingTable table = new RoutingTable();
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            Pipe p = pipes.pipe(0);
            byte[] id = table.generateServerId();
            table.add(id, p, false);
            int n = RoutingTable.serverId(id);
            assertThat(n).isNotZero();
            assertThat(ids.add(n)).as("id %s unique", Integer.toUnsignedString(n)).isTrue();
            assertThat(table.get(n)).isSameAs(p);
        }
        assertThat(table.get(0)).isNull();
    }

    @Test
    void shouldMatchAServerIdWithItsHighBitSet() {
        RoutingTable table = new RoutingTable();
        Pipe p = pipes.pipe(0);
        byte[] id = {(byte) 0xFF, (byte) 0x80, 0, 1};
        table.add(id, p, false);
        assertThat(RoutingTable.serverId(id)).isEqualTo(0xFF800001);
        assertThat(table.get(0xFF800001)).isSameAs(p);
        assertThat(table.get(0x7F800001)).isNull();
    }
}

package dev.weft.core.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.pipe.Pipe;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PipeSetTest {
    private final TestPipes pipes = new TestPipes();

    @Test
    void shouldAttachPipesActive() {
        PipeSet set = new PipeSet(Pipe.SetSlot.RECEIVE);
        Pipe a = pipes.pipe(0);
        Pipe b = pipes.pipe(0);

        assertThat(set.attach(a)).isTrue();
        assertThat(set.attach(b)).isTrue();

        assertThat(set.size()).isEqualTo(2);
        assertThat(set.activeCount()).isEqualTo(2);
        assertThat(active(set)).containsExactly(a, b);
        assertThat(set.isActive(a)).isTrue();
        assertThat(set.contains(b)).isTrue();
    }

    @Test
    void shouldAttachANewPipeIntoTheActivePrefixAheadOfInactiveOnes() {
        PipeSet set = new PipeSet(Pipe.SetSlot.RECEIVE);
        Pipe idle = pipes.pipe(0);
        set.attach(idle);
        set.deactivate(idle);
        Pipe fresh = pipes.pipe(0);

        set.attach(fresh);

        assertThat(active(set)).containsExactly(fresh);
        assertThat(all(set)).containsExactly(fresh, idle);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void shouldDeactivateAndActivateAPipeInEveryPosition(int position) {
        PipeSet set = new PipeSet(Pipe.SetSlot.SEND);
        List<Pipe> five = attach(set, 5);
        Pipe p = five.get(position);

        assertThat(set.deactivate(p)).isTrue();

        assertThat(set.activeCount()).isEqualTo(4);
        assertThat(set.isActive(p)).isFalse();
        assertThat(set.contains(p)).isTrue();
        assertThat(active(set)).hasSize(4).doesNotContain(p);
        assertConsistent(set, five);

        assertThat(set.activate(p)).isTrue();

        assertThat(set.activeCount()).isEqualTo(5);
        assertThat(active(set)).containsExactlyInAnyOrderElementsOf(five);
        assertConsistent(set, five);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4})
    void shouldDetachAnActivePipeInEveryPosition(int position) {
        PipeSet set = new PipeSet(Pipe.SetSlot.SEND);
        List<Pipe> five = attach(set, 5);
        set.deactivate(five.get(4));
        set.deactivate(five.get(3));
        Pipe p = five.get(position);
        boolean wasActive = set.isActive(p);

        assertThat(set.detach(p)).isTrue();

        assertThat(set.size()).isEqualTo(4);
        assertThat(set.activeCount()).isEqualTo(wasActive ? 2 : 3);
        assertThat(set.contains(p)).isFalse();
        assertThat(p.setIndex(Pipe.SetSlot.SEND)).isEqualTo(-1);
        List<Pipe> rest = new ArrayList<>(five);
        rest.remove(p);
        assertThat(all(set)).containsExactlyInAnyOrderElementsOf(rest);
        assertConsistent(set, rest);
    }

    @Test
    void shouldDetachAnInactivePipeAndKeepTheActiveOnes() {
        PipeSet set = new PipeSet(Pipe.SetSlot.RECEIVE);
        List<Pipe> three = attach(set, 3);
        Pipe idle = three.get(0);
        set.deactivate(idle);

        assertThat(set.detach(idle)).isTrue();

        assertThat(active(set)).containsExactlyInAnyOrder(three.get(1), three.get(2));
        assertThat(set.size()).isEqualTo(2);
        assertThat(set.activate(idle)).as("a detached pipe is not activated").isFalse();
        assertThat(set.activeCount()).isEqualTo(2);
    }

    @Test
    void shouldBeIdempotent() {
        PipeSet set = new PipeSet(Pipe.SetSlot.RECEIVE);
        Pipe a = pipes.pipe(0);
        Pipe b = pipes.pipe(0);
        set.attach(a);
        set.attach(b);

        assertThat(set.attach(a)).isFalse();
        assertThat(set.activate(a)).isFalse();
        assertThat(set.deactivate(a)).isTrue();
        assertThat(set.deactivate(a)).isFalse();
        assertThat(set.activeCount()).isOne();
        assertThat(set.detach(a)).isTrue();
        assertThat(set.detach(a)).isFalse();
        assertThat(set.deactivate(a)).isFalse();

        assertThat(all(set)).containsExactly(b);
        assertThat(set.activeCount()).isOne();
    }

    @Test
    void shouldIgnoreAPipeItNeverHeld() {
        PipeSet set = new PipeSet(Pipe.SetSlot.SEND);
        PipeSet other = new PipeSet(Pipe.SetSlot.SEND);
        Pipe mine = pipes.pipe(0);
        Pipe theirs = pipes.pipe(0);
        set.attach(mine);
        other.attach(theirs);

        assertThat(set.detach(theirs)).isFalse();
        assertThat(set.activate(theirs)).isFalse();
        assertThat(set.deactivate(theirs)).isFalse();
        assertThat(set.contains(theirs)).isFalse();

        assertThat(all(set)).containsExactly(mine);
        assertThat(other.contains(theirs)).isTrue();
    }

    @Test
    void shouldKeepAPipeInASendingAndAReceivingSetAtOnce() {
        PipeSet out = new PipeSet(Pipe.SetSlot.SEND);
        PipeSet in = new PipeSet(Pipe.SetSlot.RECEIVE);
        List<Pipe> outOnly = attach(out, 2);
        Pipe both = pipes.pipe(0);
        in.attach(both);
        out.attach(both);
        List<Pipe> inOnly = attach(in, 2);

        out.deactivate(both);
        in.detach(inOnly.get(0));

        assertThat(out.isActive(both)).isFalse();
        assertThat(in.isActive(both)).isTrue();
        assertThat(active(out)).containsExactlyInAnyOrderElementsOf(outOnly);
        assertThat(active(in)).containsExactlyInAnyOrder(both, inOnly.get(1));

        in.detach(both);
        assertThat(out.contains(both)).isTrue();
        assertThat(out.activate(both)).isTrue();
        assertThat(active(out)).contains(both);
    }

    @Test
    void shouldRefuseAPipeThatAnotherSetOfTheSameKindHolds() {
        PipeSet first = new PipeSet(Pipe.SetSlot.SEND);
        PipeSet second = new PipeSet(Pipe.SetSlot.SEND);
        Pipe p = pipes.pipe(0);
        first.attach(p);

        assertThatThrownBy(() -> second.attach(p))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already in another SEND pipe set");

        first.detach(p);
        assertThat(second.attach(p)).isTrue();
    }

    @Test
    void shouldActivateDeactivateAndInvertAll() {
        PipeSet set = new PipeSet(Pipe.SetSlot.SEND);
        List<Pipe> four = attach(set, 4);
        set.deactivateAll();
        set.activate(four.get(2));

        set.invertActive();

        assertThat(active(set)).containsExactlyInAnyOrder(four.get(0), four.get(1), four.get(3));
        assertConsistent(set, four);
        set.deactivateAll();
        assertThat(set.activeCount()).isZero();
        set.activateAll();
        assertThat(active(set)).containsExactlyInAnyOrderElementsOf(four);
    }

    @Test
    void shouldGrowAndKeepEveryPositionTrueWithManyPipes() {
        PipeSet set = new PipeSet(Pipe.SetSlot.RECEIVE);
        List<Pipe> many = attach(set, 1000);
        for (int i = 0; i < many.size(); i += 3) {
            set.deactivate(many.get(i));
        }
        for (int i = 0; i < many.size(); i += 7) {
            set.detach(many.get(i));
        }
        for (int i = 0; i < many.size(); i += 6) {
            set.activate(many.get(i));
        }

        Set<Pipe> expectedActive = new HashSet<>();
        List<Pipe> remaining = new ArrayList<>();
        for (int i = 0; i < many.size(); i++) {
            if (i % 7 == 0) {
                continue;
            }
            remaining.add(many.get(i));
            if (i % 3 != 0 || i % 6 == 0) {
                expectedActive.add(many.get(i));
            }
        }
        assertThat(active(set)).containsExactlyInAnyOrderElementsOf(expectedActive);
        assertThat(set.size()).isEqualTo(remaining.size());
        assertConsistent(set, remaining);
    }

    @Test
    void shouldRefuseAPositionOutsideTheSet() {
        PipeSet set = new PipeSet(Pipe.SetSlot.RECEIVE);
        attach(set, 2);

        assertThatThrownBy(() -> set.get(2))
                .isInstanceOf(IndexOutOfBoundsException.class)
                .hasMessage("pipe index: 2 (expected: 0..1)");
    }

    private List<Pipe> attach(PipeSet set, int n) {
        List<Pipe> attached = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Pipe p = pipes.pipe(0);
            set.attach(p);
            attached.add(p);
        }
        return attached;
    }

    private static List<Pipe> active(PipeSet set) {
        List<Pipe> out = new ArrayList<>();
        for (int i = 0; i < set.activeCount(); i++) {
            out.add(set.get(i));
        }
        return out;
    }

    private static List<Pipe> all(PipeSet set) {
        List<Pipe> out = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            out.add(set.get(i));
        }
        return out;
    }

    /** Every pipe is found where it says it is, and the set holds exactly the expected pipes. */
    private static void assertConsistent(PipeSet set, List<Pipe> expected) {
        assertThat(all(set)).containsExactlyInAnyOrderElementsOf(expected);
        for (Pipe p : expected) {
            assertThat(set.contains(p)).isTrue();
        }
    }
}

package dev.weft.core.route;

import dev.weft.core.pipe.Pipe;
import java.util.Arrays;

/**
 * The pipes of one routing primitive, in an array whose first {@link #activeCount()} entries are
 * the active ones (libzmq's {@code array_t}): writable for a {@link LoadBalancer}, possibly
 * readable for a {@link FairQueue}, marked for the next message in a {@link Distributor}.
 *
 * <p>Each pipe stores its own position in the set (one slot per {@link Pipe.SetSlot kind of set},
 * so a pipe can be in a receiving set and a sending set at once), so attaching, detaching,
 * activating and deactivating a pipe take constant time and allocate nothing, whatever the number
 * of pipes. A pipe can be in only one set of each kind at a time. Moving a pipe in or out of the
 * active prefix swaps it with the pipe at the prefix's edge, so positions change; iterate with
 * {@link #get} over {@code 0..activeCount()} or {@code 0..size()} without changing the set.
 *
 * <p>Used under the socket lock; not thread-safe by itself.
 */
public final class PipeSet {
    private final Pipe.SetSlot slot;
    private Pipe[] pipes = new Pipe[4];
    private int size;
    private int active;

    /**
     * Creates an empty set.
     *
     * @param slot which of a pipe's position slots this set uses
     */
    public PipeSet(Pipe.SetSlot slot) {
        this.slot = slot;
    }

    /**
     * Adds a pipe as active. Idempotent: a pipe already in this set stays where it is.
     *
     * @param pipe the pipe
     * @return false when the pipe was already in this set
     * @throws IllegalStateException when another set of the same kind holds the pipe
     */
    public boolean attach(Pipe pipe) {
        if (contains(pipe)) {
            return false;
        }
        if (pipe.setIndex(slot) >= 0) {
            throw new IllegalStateException(
                    pipe + " is already in another " + slot + " pipe set (expected: in none)");
        }
        if (size == pipes.length) {
            pipes = Arrays.copyOf(pipes, size * 2);
        }
        place(pipe, size);
        size++;
        swap(size - 1, active);
        active++;
        return true;
    }

    /**
     * Removes a pipe. Idempotent: a pipe not in this set is left alone.
     *
     * @param pipe the pipe
     * @return false when the pipe was not in this set
     */
    public boolean detach(Pipe pipe) {
        if (!contains(pipe)) {
            return false;
        }
        int i = pipe.setIndex(slot);
        if (i < active) {
            active--;
            swap(i, active);
            i = active;
        }
        size--;
        swap(i, size);
        pipes[size] = null;
        pipe.setIndex(slot, -1);
        return true;
    }

    /**
     * Moves a pipe into the active prefix. Idempotent.
     *
     * @param pipe the pipe
     * @return true when the pipe was in this set and inactive
     */
    public boolean activate(Pipe pipe) {
        if (!contains(pipe)) {
            return false;
        }
        int i = pipe.setIndex(slot);
        if (i < active) {
            return false;
        }
        swap(i, active);
        active++;
        return true;
    }

    /**
     * Moves a pipe out of the active prefix. Idempotent. The pipe that was last in the prefix takes
     * its position.
     *
     * @param pipe the pipe
     * @return true when the pipe was in this set and active
     */
    public boolean deactivate(Pipe pipe) {
        if (!contains(pipe)) {
            return false;
        }
        int i = pipe.setIndex(slot);
        if (i >= active) {
            return false;
        }
        active--;
        swap(i, active);
        return true;
    }

    /** Makes every pipe active. */
    public void activateAll() {
        active = size;
    }

    /** Makes every pipe inactive. */
    public void deactivateAll() {
        active = 0;
    }

    /** Makes the active pipes inactive and the inactive ones active. */
    public void invertActive() {
        int inactive = size - active;
        for (int i = 0; i < inactive; i++) {
            swap(i, size - 1 - i);
        }
        active = inactive;
    }

    /**
     * Tells whether a pipe is in this set.
     *
     * @param pipe the pipe
     * @return true between {@link #attach} and {@link #detach}
     */
    public boolean contains(Pipe pipe) {
        int i = pipe.setIndex(slot);
        return i >= 0 && i < size && pipes[i] == pipe;
    }

    /**
     * Tells whether a pipe is in this set's active prefix.
     *
     * @param pipe the pipe
     * @return true when the pipe is in this set and active
     */
    public boolean isActive(Pipe pipe) {
        return contains(pipe) && pipe.setIndex(slot) < active;
    }

    /**
     * Returns the pipe at a position.
     *
     * @param index from 0 to {@link #size()} - 1; the active pipes come first
     * @return the pipe
     * @throws IndexOutOfBoundsException when the index is outside the set
     */
    public Pipe get(int index) {
        if (index >= size) {
            throw new IndexOutOfBoundsException(
                    "pipe index: " + index + " (expected: 0.." + (size - 1) + ")");
        }
        return pipes[index];
    }

    /**
     * Returns how many pipes are active: they are at positions 0 to {@code activeCount() - 1}.
     *
     * @return the active count
     */
    public int activeCount() {
        return active;
    }

    /**
     * Returns how many pipes are in the set.
     *
     * @return the pipe count
     */
    public int size() {
        return size;
    }

    private void swap(int i, int j) {
        if (i != j) {
            Pipe a = pipes[i];
            place(pipes[j], i);
            place(a, j);
        }
    }

    private void place(Pipe pipe, int index) {
        pipes[index] = pipe;
        pipe.setIndex(slot, index);
    }
}

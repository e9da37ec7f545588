package dev.weft.core.transport.udp;

import dev.weft.core.Message;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.test.QuietRole;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stand-ins for the RADIO and DISH roles in transport tests: they move messages through every
 * attached pipe without any group logic, so the tests see exactly what the transport does.
 */
final class GroupRoles {
    private GroupRoles() {}

    /** Receives from its pipes in turn; records them and the commands it may write. */
    static class Receiving extends QuietRole {
        final List<Pipe> pipes = new CopyOnWriteArrayList<>();
        private int next;

        @Override
        public void pipeAttached(Pipe pipe) {
            pipes.add(pipe);
        }

        @Override
        public void pipeDetached(Pipe pipe) {
            pipes.remove(pipe);
        }

        @Override
        public Message receive() {
            int n = pipes.size();
            for (int i = 0; i < n; i++) {
                Pipe p = pipes.get((next + i) % n);
                Message m = p.read();
                if (m != null) {
                    next = (next + i + 1) % Math.max(1, pipes.size());
                    return m;
                }
            }
            return null;
        }

        @Override
        public boolean canReceive() {
            for (Pipe p : pipes) {
                if (p.hasInbound()) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Sends each message to its first pipe; drops it (and counts) when that pipe is full. */
    static class Sending extends QuietRole {
        final List<Pipe> pipes = new CopyOnWriteArrayList<>();
        volatile int droppedAtHwm;

        @Override
        public void pipeAttached(Pipe pipe) {
            pipes.add(pipe);
        }

        @Override
        public void pipeDetached(Pipe pipe) {
            pipes.remove(pipe);
        }

        @Override
        public boolean send(Message message) {
            if (pipes.isEmpty() || !pipes.get(0).write(message)) {
                droppedAtHwm++;
                message.close();
            }
            return true;
        }

        @Override
        public boolean canSend() {
            return true;
        }
    }
}

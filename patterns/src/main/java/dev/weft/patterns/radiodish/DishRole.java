package dev.weft.patterns.radiodish;

import dev.weft.core.Message;
import dev.weft.core.pipe.PeerCommand;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.role.SocketRole;
import dev.weft.core.route.FairQueue;
import dev.weft.core.route.PipeSet;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * DISH (RFC 48): joins and leaves groups, receives fairly from its radios, and filters what arrives
 * by its own groups too, so a message of a group it left while the message was in flight is not
 * delivered (as libzmq's dish does). JOIN and LEAVE go to every radio, and every group is joined
 * again on a radio whose connection was replaced.
 */
public final class DishRole implements SocketRole {
    private final FairQueue in = new FairQueue();
    // Where JOIN and LEAVE go: a sending set, since DISH sends nothing else.
    private final PipeSet radios = new PipeSet(Pipe.SetSlot.SEND);
    // Each joined group with its UTF-8 form, kept for the JOINs sent to new radios.
    private final Map<String, byte[]> joined = new LinkedHashMap<>();

    /**
     * Joins a group and tells every radio.
     *
     * @param group 1 to 255 octets of UTF-8, checked by the caller
     * @throws IllegalArgumentException when the group is already joined (libzmq: {@code EINVAL})
     */
    public void join(String group) {
        if (joined.containsKey(group)) {
            throw new IllegalArgumentException(
                    "join: group '" + group + "' is already joined (expected: a group not joined)");
        }
        byte[] octets = group.getBytes(StandardCharsets.UTF_8);
        joined.put(group, octets);
        toRadios(new PeerCommand(PeerCommand.Kind.JOIN, octets));
    }

    /**
     * Leaves a group and tells every radio.
     *
     * @param group a joined group
     * @throws IllegalArgumentException when the group is not joined (libzmq: {@code EINVAL})
     */
    public void leave(String group) {
        byte[] octets = joined.remove(group);
        if (octets == null) {
            throw new IllegalArgumentException(
                    "leave: group '" + group + "' is not joined (expected: a joined group)");
        }
        toRadios(new PeerCommand(PeerCommand.Kind.LEAVE, octets));
    }

    @Override
    public void pipeAttached(Pipe pipe) {
        radios.attach(pipe);
        in.attach(pipe);
        joinAll(pipe);
    }

    @Override
    public void pipeReconnected(Pipe pipe) {
        // A new connection's radio knows none of our groups yet.
        joinAll(pipe);
    }

    @Override
    public void pipeDetached(Pipe pipe) {
        radios.detach(pipe);
        in.detach(pipe);
    }

    @Override
    public void pipeReadable(Pipe pipe) {
        in.activate(pipe);
    }

    @Override
    public void pipeWritable(Pipe pipe) {
        // JOIN and LEAVE ignore the high-water mark.
    }

    @Override
    public boolean send(Message message) {
        throw new IllegalStateException("DISH cannot send; use join/leave");
    }

    @Override
    public Message receive() {
        Message m;
        while ((m = in.receive()) != null) {
            String group = m.group();
            if (group != null && joined.containsKey(group)) {
                return m;
            }
            m.close();
        }
        return null;
    }

    @Override
    public boolean canSend() {
        return false;
    }

    @Override
    public boolean canReceive() {
        return in.canReceive();
    }

    private void joinAll(Pipe pipe) {
        for (byte[] octets : joined.values()) {
            pipe.writeCommand(new PeerCommand(PeerCommand.Kind.JOIN, octets));
        }
    }

    private void toRadios(PeerCommand command) {
        for (int i = 0; i < radios.size(); i++) {
            radios.get(i).writeCommand(command);
        }
    }
}

package dev.weft.patterns.radiodish;

import dev.weft.core.Message;
import dev.weft.core.pipe.PeerCommand;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.role.RoleContext;
import dev.weft.core.role.SocketRole;
import dev.weft.core.route.Distributor;
import dev.weft.core.route.GroupTable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * RADIO (RFC 48): sends each message to the dishes that joined its group, matched exactly. Never
 * waits: a message of a group no dish joined is dropped and counted as unroutable, and a dish at
 * its high-water mark misses the message, counted as dropped at the high-water mark. Forgets a
 * dish's groups when it departs or its connection is replaced. Discards what dishes send.
 *
 * <p>A pipe that {@link Pipe#isSubscribedToAll() takes every message} (a {@code udp://} endpoint,
 * where no dish can send JOIN) gets every group, as libzmq's RADIO does for udp; the dishes behind
 * it filter by their own groups.
 */
public final class RadioRole implements SocketRole {
    private final Distributor distributor = new Distributor();
    private final GroupTable<Pipe> groups = new GroupTable<>();
    // Made once: a bound method reference per send would allocate.
    private final Consumer<Pipe> matcher = distributor::match;
    // Pipes that get every group (udp endpoints): they never join.
    private final List<Pipe> everyGroup = new ArrayList<>(1);
    private final RoleContext context;

    /**
     * Creates the role.
     *
     * @param context where drops are counted
     */
    public RadioRole(RoleContext context) {
        this.context = context;
    }

    @Override
    public void pipeAttached(Pipe pipe) {
        distributor.attach(pipe);
        if (pipe.isSubscribedToAll()) {
            everyGroup.add(pipe);
        }
    }

    @Override
    public void pipeReconnected(Pipe pipe) {
        // A new connection is a new dish (perhaps another process): it joins its groups afresh.
        groups.removeMember(pipe);
    }

    @Override
    public void pipeDetached(Pipe pipe) {
        groups.removeMember(pipe);
        everyGroup.remove(pipe);
        distributor.detach(pipe);
    }

    @Override
    public void pipeReadable(Pipe pipe) {
        // RFC 48: a RADIO SHALL silently discard any messages that dishes send it.
        Message m;
        while ((m = pipe.read()) != null) {
            m.close();
        }
    }

    @Override
    public void pipeWritable(Pipe pipe) {
        // Full dishes are skipped per message; nothing to resume.
    }

    @Override
    public void onCommand(Pipe pipe, PeerCommand command) {
        if (command.kind() == PeerCommand.Kind.JOIN) {
            groups.join(group(command), pipe);
        } else if (command.kind() == PeerCommand.Kind.LEAVE) {
            groups.leave(group(command), pipe);
        }
    }

    private static String group(PeerCommand command) {
        return new String(command.body(), StandardCharsets.UTF_8);
    }

    /**
     * Sends to every dish that joined the message's group; never waits.
     *
     * @param message taken over always (sent, or dropped and counted)
     * @return true
     * @throws IllegalArgumentException when the message has no group (it stays with the caller)
     */
    @Override
    public boolean send(Message message) {
        String group = message.group();
        if (group == null) {
            throw new IllegalArgumentException(
                    "RADIO message: no group (expected: a group of 1.."
                            + Message.MAX_GROUP_OCTETS
                            + " octets, set with Message.group)");
        }
        int members = groups.forEachMember(group, matcher);
        for (int i = 0; i < everyGroup.size(); i++) {
            distributor.match(everyGroup.get(i));
            members++;
        }
        if (members == 0) {
            message.close();
            context.countUnroutable();
            return true;
        }
        int skipped = distributor.sendToMatching(message);
        for (int i = 0; i < skipped; i++) {
            context.countDroppedAtHwm();
        }
        return true;
    }

    @Override
    public Message receive() {
        return null;
    }

    @Override
    public boolean canSend() {
        return true;
    }

    @Override
    public boolean canReceive() {
        return false;
    }
}

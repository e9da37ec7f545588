package dev.weft.patterns.pubsub;

import dev.weft.core.Message;
import dev.weft.core.pipe.PeerCommand;
import dev.weft.core.pipe.Pipe;
import dev.weft.core.role.SocketRole;
import dev.weft.core.socket.SocketCounters;

/**
 * PUB (RFC 29): sends each message to the subscribers whose subscriptions prefix its first frame; a
 * subscriber at its high-water mark misses it (counted). Never waits: with no subscriber the
 * message is dropped. Ignores messages from subscribers.
 */
public final class PubRole implements SocketRole {
    private final Publisher publisher;

    /**
     * Creates the role.
     *
     * @param counters where drops are counted
     */
    public PubRole(SocketCounters counters) {
        this.publisher = new Publisher(counters);
    }

    /**
     * Sends to subscribers that do not match instead (libzmq {@code ZMQ_INVERT_MATCHING}).
     *
     * @param invert true to invert
     */
    public void invertMatching(boolean invert) {
        publisher.invertMatching(invert);
    }

    @Override
    public void pipeAttached(Pipe pipe) {
        publisher.attach(pipe);
    }

    @Override
    public void pipeDetached(Pipe pipe) {
        publisher.detach(pipe, topic -> {});
    }

    @Override
    public void pipeReadable(Pipe pipe) {
        // RFC 29: PUB never processes user messages from subscribers; drop them.
        Message m;
        while ((m = pipe.read()) != null) {
            m.close();
        }
    }

    @Override
    public void pipeWritable(Pipe pipe) {
        // Full subscribers are skipped per message; nothing to resume.
    }

    @Override
    public void onCommand(Pipe pipe, PeerCommand command) {
        if (command.kind() == PeerCommand.Kind.SUBSCRIBE) {
            publisher.subscribe(pipe, command.body());
        } else if (command.kind() == PeerCommand.Kind.CANCEL) {
            publisher.unsubscribe(pipe, command.body());
        }
    }

    @Override
    public boolean send(Message message) {
        return publisher.send(message);
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

package dev.weft.patterns;

import dev.weft.core.Message;

/** Sending a single-part body to a peer named by its routing id (SERVER, PEER). */
final class RoutedSend {
    private RoutedSend() {}

    /**
     * Sends a body to the peer with a routing id, releasing the message when it is not taken.
     *
     * @param socket the sending socket
     * @param routingId the peer's id
     * @param message a new single-part message, owned here
     * @return what the socket's send returned
     * @throws IllegalArgumentException when the routing id is 0
     */
    static boolean send(MessageSender socket, int routingId, Message message) {
        boolean sent = false;
        try {
            message.routingId(routingId);
            sent = socket.send(message);
            return sent;
        } finally {
            if (!sent) {
                message.close();
            }
        }
    }
}

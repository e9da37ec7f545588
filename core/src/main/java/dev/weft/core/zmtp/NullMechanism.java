package dev.weft.core.zmtp;

import dev.weft.core.Metadata;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * The NULL mechanism (RFC 37 §The NULL Security Mechanism): each side sends READY with its metadata
 * and waits for the peer's READY; an ERROR from the peer is fatal.
 *
 * <pre>
 *   null  = ready *message | error
 *   ready = command-size %d5 "READY" metadata
 *   error = command-size %d5 "ERROR" error-reason
 * </pre>
 */
public final class NullMechanism implements Mechanism {
    /** The mechanism name in the greeting. */
    public static final String NAME = "NULL";

    private final Metadata ownMetadata;
    private Metadata peerMetadata;

    /**
     * Creates the mechanism.
     *
     * @param ownMetadata what this side announces in READY
     */
    public NullMechanism(Metadata ownMetadata) {
        this.ownMetadata = ownMetadata;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start(CommandWriter out) {
        ByteBuf data = Unpooled.buffer(Commands.metadataSize(ownMetadata));
        try {
            Commands.writeMetadata(ownMetadata, data);
            out.write(CommandName.READY, data);
        } finally {
            data.release();
        }
    }

    @Override
    public Progress onCommand(CommandName name, ByteBuf data, CommandWriter out)
            throws ZmtpException {
        if (name == CommandName.READY && peerMetadata == null) {
            peerMetadata = Commands.readMetadata(data);
            return Progress.COMPLETE;
        }
        if (name == CommandName.ERROR) {
            throw new ZmtpException(
                    ZmtpException.Condition.PEER_ERROR,
                    "peer sent ERROR '" + Commands.readErrorReason(data) + "'");
        }
        throw new ZmtpException(
                ZmtpException.Condition.UNEXPECTED_COMMAND,
                (name == null ? "unknown command" : name.name())
                        + " during the NULL handshake (expected: READY or ERROR)");
    }

    @Override
    public Metadata peerMetadata() {
        return peerMetadata;
    }
}

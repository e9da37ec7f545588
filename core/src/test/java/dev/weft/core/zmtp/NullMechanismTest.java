package dev.weft.core.zmtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.core.Metadata;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The NULL mechanism on its own: READY out, READY or ERROR in. */
class NullMechanismTest {
    private static final Metadata ROUTER =
            Metadata.builder().put("Socket-Type", "ROUTER").put("Identity", new byte[0]).build();

    @Test
    void shouldSendReadyWithItsMetadata() {
        ByteBuf out = PooledByteBufAllocator.DEFAULT.buffer();
        try {
            NullMechanism mechanism = new NullMechanism(ROUTER);
            mechanism.start(framesInto(out));

            assertThat(mechanism.name()).isEqualTo("NULL").isEqualTo(NullMechanism.NAME);
            assertThat(Hex.of(Hex.readable(out)))
                    .isEqualTo(
                            "04290552454144590b536f636b65742d5479706500000006524f55544552"
                                    + "084964656e7469747900000000");
        } finally {
            out.release();
        }
    }

    @Test
    @DisplayName(
            "RFC 37: To complete a NULL security handshake, the client SHALL send a READY command"
                    + " and then wait for a READY command in reply.")
    void shouldCompleteOnTheFirstReady() throws ZmtpException {
        NullMechanism mechanism = new NullMechanism(ROUTER);
        ByteBuf out = PooledByteBufAllocator.DEFAULT.buffer();
        try {
            assertThat(mechanism.peerMetadata()).isNull();

            Mechanism.Progress progress =
                    mechanism.onCommand(
                            CommandName.READY,
                            Hex.buf("0b 536f636b65742d54797065 00000003 535542"),
                            framesInto(out));

            assertThat(progress).isEqualTo(Mechanism.Progress.COMPLETE);
            assertThat(mechanism.peerMetadata().socketType()).isEqualTo("SUB");
            assertThat(out.isReadable()).as("nothing to answer").isFalse();
            assertThatThrownBy(
                            () ->
                                    mechanism.onCommand(
                                            CommandName.READY, Hex.buf(""), framesInto(out)))
                    .isInstanceOfSatisfying(
                            ZmtpException.class,
                            e ->
                                    assertThat(e.condition())
                                            .isEqualTo(ZmtpException.Condition.UNEXPECTED_COMMAND));
        } finally {
            out.release();
        }
    }

    @Test
    @DisplayName("RFC 37: The peer SHALL treat an incoming ERROR command as fatal")
    void shouldFailOnError() {
        NullMechanism mechanism = new NullMechanism(ROUTER);

        assertThatThrownBy(() -> mechanism.onCommand(CommandName.ERROR, Hex.buf("03 343030"), null))
                .isInstanceOfSatisfying(
                        ZmtpException.class,
                        e ->
                                assertThat(e.condition())
                                        .isEqualTo(ZmtpException.Condition.PEER_ERROR))
                .hasMessage("PEER_ERROR: peer sent ERROR '400'");
        assertThatThrownBy(() -> mechanism.onCommand(CommandName.ERROR, Hex.buf("09 3430"), null))
                .isInstanceOfSatisfying(
                        ZmtpException.class,
                        e ->
                                assertThat(e.condition())
                                        .isEqualTo(ZmtpException.Condition.MALFORMED_COMMAND));
    }

    @Test
    void shouldRejectOtherCommandsAndUnknownOnes() {
        NullMechanism mechanism = new NullMechanism(ROUTER);

        assertThatThrownBy(() -> mechanism.onCommand(CommandName.HELLO, Hex.buf(""), null))
                .hasMessage(
                        "UNEXPECTED_COMMAND: HELLO during the NULL handshake (expected: READY or"
                                + " ERROR)");
        assertThatThrownBy(() -> mechanism.onCommand(null, Hex.buf(""), null))
                .hasMessageStartingWith("UNEXPECTED_COMMAND: unknown command");
    }

    @Test
    void shouldRejectMalformedReadyMetadata() {
        NullMechanism mechanism = new NullMechanism(ROUTER);

        assertThatThrownBy(() -> mechanism.onCommand(CommandName.READY, Hex.buf("00"), null))
                .isInstanceOfSatisfying(
                        ZmtpException.class,
                        e ->
                                assertThat(e.condition())
                                        .isEqualTo(ZmtpException.Condition.MALFORMED_COMMAND));
        assertThat(mechanism.peerMetadata()).isNull();
    }

    /** A command writer that writes whole command frames into {@code out}, as the session does. */
    private static Mechanism.CommandWriter framesInto(ByteBuf out) {
        return (name, data) -> Commands.write(name, data, out);
    }
}

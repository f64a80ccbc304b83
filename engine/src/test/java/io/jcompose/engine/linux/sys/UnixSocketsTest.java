package io.jcompose.engine.linux.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnixSocketsTest {

    @TempDir
    Path dir;

    @Test
    void acceptsAConnectionAndKnowsWhoIsOnTheOtherEnd() throws Exception {
        Path path = dir.resolve("s.sock");
        int listener = UnixSockets.listen(path, 4);
        try {
            assertThat(UnixSockets.readable(listener, 10)).isFalse();
            try (SocketChannel client = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
                assertThat(UnixSockets.readable(listener, 2000)).isTrue();
                int connection = UnixSockets.accept(listener);
                try {
                    assertThat(UnixSockets.peer(connection).pid()).isEqualTo(ProcessHandle.current().pid());
                    assertThat(UnixSockets.peer(connection).uid()).isEqualTo(ProcessIdentity.effectiveUid());

                    client.write(ByteBuffer.wrap("hello".getBytes(StandardCharsets.US_ASCII)));
                    byte[] buffer = new byte[16];
                    UnixSockets.Received received = UnixSockets.receive(connection, buffer, 2, 3);
                    assertThat(received.descriptors()).isEmpty();
                    assertThat(new String(buffer, 2, received.length(), StandardCharsets.US_ASCII))
                            .isEqualTo("hello");

                    UnixSockets.send(connection, "back".getBytes(StandardCharsets.US_ASCII));
                    ByteBuffer answer = ByteBuffer.allocate(4);
                    while (answer.hasRemaining()) {
                        client.read(answer);
                    }
                    assertThat(new String(answer.array(), StandardCharsets.US_ASCII)).isEqualTo("back");

                    client.close();
                    assertThat(UnixSockets.read(connection, buffer, 0, buffer.length)).isZero();
                } finally {
                    Descriptors.close(connection);
                }
            }
        } finally {
            Descriptors.close(listener);
        }
    }

    @Test
    void aPathTooLongForASocketAddressIsAClearError() {
        Path path = dir.resolve("x".repeat(120));
        assertThatThrownBy(() -> UnixSockets.listen(path, 1)).isInstanceOf(ErrnoException.class)
                .hasMessageContaining("too long");
    }

    @Test
    void aDescriptorThatIsNotOpenFails() {
        assertThatThrownBy(() -> UnixSockets.read(-1, new byte[1], 0, 1)).isInstanceOf(ErrnoException.class);
        assertThatThrownBy(() -> Descriptors.duplicateOnto(-1, 200)).isInstanceOf(ErrnoException.class);
        assertThat(Descriptors.isTerminal(-1)).isFalse();
    }
}

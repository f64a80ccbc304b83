package io.jcompose.engine.linux.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReadAheadTest {

    private static MessageDigest sha256() throws Exception {
        return MessageDigest.getInstance("SHA-256");
    }

    @Test
    void read_givesTheSourceAsIs_andDigestsIt_andDrainsWhatFollows() throws Exception {
        byte[] data = new byte[1_000_003];
        new Random(5).nextBytes(data);
        MessageDigest md = sha256();
        ByteArrayInputStream after = new ByteArrayInputStream(new byte[1000]);
        byte[] read;
        try (ReadAhead ahead = new ReadAhead(new ByteArrayInputStream(data), md, after)) {
            read = ahead.readAllBytes();
        }
        assertThat(read).isEqualTo(data);
        assertThat(md.digest()).isEqualTo(sha256().digest(data));
        assertThat(after.available()).as("read to its end").isZero();
    }

    @Test
    void read_throwsTheSourcesFailureAsItWasThrown() throws Exception {
        InputStream failing = new InputStream() {
            private int left = 200_000;

            @Override
            public int read() throws IOException {
                if (left <= 0) {
                    throw new IOException("connection reset");
                }
                left--;
                return 7;
            }
        };
        try (ReadAhead ahead = new ReadAhead(failing, sha256(), InputStream.nullInputStream())) {
            assertThatThrownBy(ahead::readAllBytes).isInstanceOf(IOException.class).hasMessage("connection reset");
        }
    }

    @Test
    void close_beforeTheEnd_stopsTheReadingThread() throws Exception {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 1;
            }
        };
        ReadAhead ahead = new ReadAhead(endless, sha256(), InputStream.nullInputStream());
        assertThat(ahead.read(new byte[10])).isEqualTo(10);
        ahead.close();
        assertThatThrownBy(() -> ahead.read(new byte[10])).isInstanceOf(IOException.class);
    }
}

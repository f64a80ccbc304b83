package io.jcompose.engine.linux.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.security.MessageDigest;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OpenSslSha256Test {

    private static MessageDigest openssl() {
        Optional<MessageDigest> md = OpenSslSha256.create();
        assumeTrue(md.isPresent(), "no libcrypto on this host");
        return md.get();
    }

    private static MessageDigest jdk() throws Exception {
        return MessageDigest.getInstance("SHA-256");
    }

    @Test
    void digest_matchesTheJdkForEverySizeAndSplit() throws Exception {
        Random random = new Random(7);
        for (int size : new int[] {0, 1, 55, 56, 64, 65, 1000, 70_000, (1 << 20) + 3, 3 << 20}) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            MessageDigest ours = openssl();
            // uneven pieces, single bytes and an offset into the array, as streams feed a digest
            int at = 0;
            while (at < size) {
                int n = Math.min(size - at, 1 + random.nextInt(100_000));
                if (n == 1) {
                    ours.update(data[at]);
                } else {
                    ours.update(data, at, n);
                }
                at += n;
            }
            assertThat(ours.digest()).as("size %d", size).isEqualTo(jdk().digest(data));
        }
    }

    @Test
    void digest_resetsForTheNextUse() throws Exception {
        MessageDigest ours = openssl();
        ours.update(new byte[] {1, 2, 3});
        ours.digest();
        assertThat(ours.digest("abc".getBytes())).isEqualTo(jdk().digest("abc".getBytes()));
        ours.update(new byte[] {9});
        ours.reset();
        assertThat(ours.digest()).isEqualTo(jdk().digest());
    }

    @Test
    void clone_continuesFromTheSameState() throws Exception {
        MessageDigest ours = openssl();
        ours.update("hello ".getBytes());
        MessageDigest copy = (MessageDigest) ours.clone();
        ours.update("world".getBytes());
        copy.update("there".getBytes());
        assertThat(ours.digest()).isEqualTo(jdk().digest("hello world".getBytes()));
        assertThat(copy.digest()).isEqualTo(jdk().digest("hello there".getBytes()));
        assertThat(ours.getDigestLength()).isEqualTo(32);
    }
}

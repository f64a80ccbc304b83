package io.jcompose.engine.linux.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PullProgressTest {

    @Test
    void sizes_asDockerPrintsThem() {
        assertThat(PullProgress.humanSize(512)).isEqualTo("512B");
        assertThat(PullProgress.humanSize(3_070)).isEqualTo("3.07kB");
        assertThat(PullProgress.humanSize(12_345_678)).isEqualTo("12.3MB");
        assertThat(PullProgress.humanSize(40_100_000)).isEqualTo("40.1MB");
        assertThat(PullProgress.humanSize(123_456_789)).isEqualTo("123MB");
    }

    @Test
    void byteCounts_areThrottledButTheLastIsAlwaysReported() {
        List<String> lines = new ArrayList<>();
        PullProgress progress = new PullProgress(lines::add, Duration.ofHours(1));
        Descriptor layer = new Descriptor(MediaTypes.OCI_LAYER_GZIP, "sha256:" + "0123456789ab".repeat(5) + "cdef",
                2_000_000, List.of(), Optional.empty());

        for (long done = 0; done <= 2_000_000; done += 1000) {
            progress.downloading(layer, done);
        }

        assertThat(lines).containsExactly("0123456789ab: Downloading 0B/2.00MB", "0123456789ab: Downloading 2.00MB/2.00MB");
    }
}

package io.jcompose.engine.linux.container;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExitWatchTest {

    @TempDir
    Path exitDir;

    @Test
    void await_returnsWhenTheExitFileAppears_notAfterThePause() throws Exception {
        try (ExitWatch watch = ExitWatch.on(exitDir)) {
            Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(100);
                    Files.writeString(exitDir.resolve("id"), "0");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long start = System.nanoTime();
            watch.await(10_000);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
            assertThat(exitDir.resolve("id")).exists();
        }
    }

    @Test
    void await_withoutAChange_sleepsThePause() throws Exception {
        try (ExitWatch watch = ExitWatch.on(exitDir)) {
            long start = System.nanoTime();
            watch.await(150);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(140));
        }
    }

    @Test
    void on_aMissingDirectory_stillWaitsThePause() throws Exception {
        try (ExitWatch watch = ExitWatch.on(exitDir.resolve("missing"))) {
            long start = System.nanoTime();
            watch.await(50);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(45));
        }
    }
}

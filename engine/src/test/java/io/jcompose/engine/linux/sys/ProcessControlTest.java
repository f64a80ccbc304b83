package io.jcompose.engine.linux.sys;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ProcessControlTest {

    @Test
    void signalsOnlyAProcessThatIsStillOurs() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            assertThat(ProcessControl.signalIf(sleeper.pid(), SignalNumbers.of("TERM").getAsInt(), pid -> false))
                    .isFalse();
            assertThat(sleeper.waitFor(200, TimeUnit.MILLISECONDS)).as("not signalled").isFalse();
            assertThat(ProcessControl.signalIf(sleeper.pid(), SignalNumbers.of("TERM").getAsInt(),
                    pid -> pid == sleeper.pid())).isTrue();
            assertThat(sleeper.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(sleeper.exitValue()).isEqualTo(128 + 15);
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void aProcessThatHasGoneIsNotSignalled() throws Exception {
        Process done = new ProcessBuilder("true").start();
        done.waitFor();
        assertThat(ProcessControl.signalIf(done.pid(), 15, pid -> true)).isFalse();
    }
}

package io.jcompose.engine.linux.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.engine.linux.runtime.OciRuntime;
import io.jcompose.engine.spi.ContainerOps;
import io.jcompose.engine.spi.RuntimeFailureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The container monitor (jcompose-monitor.c) and its Java side, without root: a shell script stands in for the OCI
 * runtime's {@code run} (it writes its pid file, prints, and exits as a container would).
 */
class ContainerMonitorTest {

    @TempDir
    Path dir;

    private Path runDir;
    private ContainerMonitor.RunFiles files;
    private final List<Long> monitors = new ArrayList<>();

    @BeforeEach
    void setUp() throws IOException {
        runDir = Files.createDirectories(dir.resolve("run"));
        files = new ContainerMonitor.RunFiles(runDir, dir.resolve("container.log"), dir.resolve("exits/c1"));
        Files.createDirectories(files.exitFile().getParent());
    }

    @AfterEach
    void killLeftovers() {
        // a failed assertion must not leave a monitor (or its fake container) running
        monitors.forEach(pid -> ProcessHandle.of(pid).ifPresent(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }));
    }

    @Test
    void returnsOnceTheContainerRunsThenLogsItsOutputAndRecordsItsExit() throws Exception {
        // the "container" runs on after its pid file is written: start must not wait for its end
        start("""
                echo $$ > "$pidfile"
                echo first; echo oops >&2
                printf 'no newline yet'
                sleep 0.3
                printf ' and the rest\\n'
                exit 7""");
        long monitor = monitorPid();
        assertThat(Files.readString(Path.of("/proc", Long.toString(monitor), "comm")).strip())
                .isEqualTo(ContainerMonitor.PROCESS_NAME);
        assertThat(files.exitFile()).doesNotExist();
        assertThat(awaitExit()).isEqualTo("7");
        assertThat(lines()).containsExactly("stdout first", "stderr oops", "stdout no newline yet and the rest");
        // it ends just after writing the exit file
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (ContainerStatus.alive(monitor) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(ContainerStatus.alive(monitor)).as("the monitor ends").isFalse();
    }

    @Test
    void aRuntimeThatFailsBeforeThePidFileGivesItsOwnReason() throws Exception {
        assertThatThrownBy(() -> start("""
                echo 'time="2026-11-28T15:00:00Z" level=error msg="executable file `nope` not found in $PATH"' \\
                  > "$log"
                exit 1""")).isInstanceOf(RuntimeFailureException.class)
                .hasMessage("the OCI runtime (fake) could not start the container: executable file `nope` not found"
                        + " in $PATH");
        assertThat(awaitExit()).isEqualTo("1");
    }

    @Test
    void aContainerThatEndsAtOnceStillCountsAsStartedAndKeepsItsLastWords() throws Exception {
        start("""
                echo $$ > "$pidfile"
                i=0; while [ $i -lt 200 ]; do echo "line $i"; i=$((i+1)); done
                exit 0""");
        assertThat(awaitExit()).isEqualTo("0");
        List<String> lines = lines();
        assertThat(lines).hasSize(200);
        assertThat(lines.getLast()).isEqualTo("stdout line 199");
    }

    @Test
    void aRuntimeKilledBySignalRecords128PlusTheSignal() throws Exception {
        start("""
                echo $$ > "$pidfile"
                kill -KILL $$""");
        assertThat(awaitExit()).isEqualTo("137");
    }

    @Test
    void aLineLongerThanOneReadIsLoggedInPiecesThatReadBackAsOne() throws Exception {
        start("""
                echo $$ > "$pidfile"
                head -c 50000 /dev/zero | tr '\\0' x; echo""");
        assertThat(awaitExit()).isEqualTo("0");
        assertThat(Files.readAllLines(files.logFile()).stream().filter(l -> l.contains(" stdout P ")).count())
                .as("partial records").isPositive();
        assertThat(lines()).containsExactly("stdout " + "x".repeat(50000));
    }

    /** Starts the monitor over a fake runtime whose `run` is {@code body} (sh, with $pidfile and $log set). */
    private void start(String body) throws IOException {
        Path script = dir.resolve("fake-runtime");
        // the arguments as OciRuntime gives them: --root R --log FILE run --bundle B --pid-file P ID
        Files.writeString(script, """
                #!/bin/sh
                log=$4; pidfile=$9
                """ + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        OciRuntime runtime = new OciRuntime("fake", script, script, dir.resolve("state"));
        try {
            ContainerMonitor.start(runtime, dir.resolve("runroot"), "c1", dir.resolve("bundle"), files,
                    Optional.empty());
        } finally {
            ContainerStatus.readPid(files.monitorPid()).ifPresent(monitors::add);
        }
    }

    private long monitorPid() {
        return ContainerStatus.readPid(files.monitorPid()).orElseThrow();
    }

    private String awaitExit() throws Exception {
        try (ExitWatch watch = ExitWatch.on(files.exitFile().getParent())) {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!Files.exists(files.exitFile()) && System.nanoTime() < deadline) {
                watch.await(20);
            }
        }
        return Files.readString(files.exitFile()).strip();
    }

    /** The log read back as jcompose reads it: "stream text" per complete line. */
    private List<String> lines() {
        List<String> lines = new ArrayList<>();
        ContainerLogs.read(files.logFile(), new ContainerOps.LogOptions(false, false, Optional.empty(),
                Optional.empty(), Optional.empty()), (text, stderr) -> lines.add((stderr ? "stderr " : "stdout ")
                + text), () -> false);
        return lines;
    }
}

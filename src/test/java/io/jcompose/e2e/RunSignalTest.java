package io.jcompose.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C during an attached {@code run} reaches the one-off container, as {@code docker run}'s signal proxy does:
 * the program handles it, its exit code is jcompose's, and {@code --rm} still removes it. jcompose runs as a real
 * process here ({@code bin/jcompose}), since a signal is what is tested.
 */
class RunSignalTest {

    private static final String COMPOSE = """
            services:
              app:
                image: jcompose-fixtures/busybox:latest
            """;
    // sh as PID 1 ignores SIGINT unless it traps it: the trap shows the signal arrived
    private static final String[] TRAPPING = {"sh", "-c",
            "trap 'echo got INT; exit 3' INT; echo ready; while true; do sleep 0.1; done"};

    @TempDir
    Path dir;

    @Test
    void ctrlC_reachesTheOneOff_onDocker() throws Exception {
        try (ProjectRun run = new ProjectRun(dir)) {
            run.write("compose.yaml", COMPOSE);
            assertInterruptedRun("docker", run.project);
            assertThat(run.containers()).as("--rm removed the one-off").isEmpty();
        }
    }

    @Test
    @EnabledIf("io.jcompose.e2e.OnBuiltInRuntime#canRun")
    void ctrlC_reachesTheOneOff_onTheBuiltInRuntime() throws Exception {
        LinuxProjectRun.importFixtures();
        try (LinuxProjectRun run = new LinuxProjectRun(dir)) {
            run.write("compose.yaml", COMPOSE);
            assertInterruptedRun("linux", run.project);
            assertThat(run.containers()).as("--rm removed the one-off").isEmpty();
        }
    }

    private void assertInterruptedRun(String backend, String project) throws Exception {
        // a shell without job control starts background commands with SIGINT ignored, and the JVM then never sees
        // it: perl (essential in Debian) puts the default disposition back before it becomes jcompose
        List<String> command = new ArrayList<>(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV", "bash",
                Path.of(System.getProperty("jcompose.repo"), "bin/jcompose").toString(),
                "--backend", backend, "-p", project, "--progress", "plain", "run", "--rm", "-T", "app"));
        command.addAll(List.of(TRAPPING));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                seen.append(line).append('\n');
                if (line.equals("ready")) {
                    break;
                }
            }
            assertThat(seen.toString()).as("output before the signal").endsWith("ready\n");
            signal(p.pid(), "INT");
            String rest = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("jcompose ended; output: %s", rest).isTrue();
            assertThat(rest).contains("got INT");
            assertThat(p.exitValue()).as("the container's exit code; output: %s", rest).isEqualTo(3);
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    private static void signal(long pid, String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
        assertThat(kill.waitFor()).isZero();
    }
}

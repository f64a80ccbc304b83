package io.jcompose.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/jcompose with standby JVMs on, as users have it: a command leaves a warmed-up JVM behind, and jcompose-client
 * hands it the next command of the same directory and environment, with its own streams, signals and exit status.
 * Every test marks its environment with a variable of its own, so the standby JVM it waits for is its own.
 */
class StandbyJvmTest {

    private static final Path REPO = Path.of(System.getProperty("jcompose.repo", "../..")).toAbsolutePath()
            .normalize();
    private static final String SERVED = "ran in standby JVM";
    /** One busybox service on the built-in runtime, for the tests that run containers. */
    private static final String BOX = """
            services:
              box:
                image: jcompose-fixtures/busybox:latest
                network_mode: none
                command: ["sleep", "3600"]
            """;
    private static final String COMPOSE = """
            services:
              web:
                image: jcompose-fixtures/busybox:latest
              db:
                image: jcompose-fixtures/busybox:latest
            """;

    @TempDir
    Path dir;
    private final Map<String, String> env = new HashMap<>(System.getenv());

    record Result(int code, String out, String err) {
    }

    @BeforeEach
    void standbyOn() throws IOException {
        env.put("JCOMPOSE_STANDBY", "1");
        env.put("JCOMPOSE_STANDBY_TEST", UUID.randomUUID().toString());
        Files.writeString(dir.resolve("compose.yaml"), COMPOSE);
    }

    @AfterEach
    void noStandbyOfOursLeft() {
        // the standby JVM of this test's environment ends here, not after ten idle minutes
        String mark = env.get("JCOMPOSE_STANDBY_TEST");
        ProcessHandle.allProcesses().filter(p -> environmentHas(p.pid(), mark)).forEach(ProcessHandle::destroy);
    }

    @Test
    void theNextCommandRunsInTheStandbyJvm_withTheClientsOutputAndStatus() throws Exception {
        awaitStandby();
        Result services = jcompose(null, "--verbose", "config", "--services");
        assertThat(services.err()).contains(SERVED);
        assertThat(services.out().lines()).containsExactlyInAnyOrder("web", "db");
        assertThat(services.code()).isZero();

        awaitStandby();
        Result missing = jcompose(null, "--verbose", "-f", "missing.yaml", "config");
        assertThat(missing.err()).contains(SERVED).contains("missing.yaml");
        assertThat(missing.out()).isEmpty();
        assertThat(missing.code()).isNotZero();
    }

    @Test
    void aJvmThatRanAReadOnlyCommandTakesTheNextOne() throws Exception {
        awaitStandby();
        Result first = jcompose(null, "--verbose", "config", "--services");
        Result second = jcompose(null, "--verbose", "version");
        java.util.regex.Pattern served = java.util.regex.Pattern.compile(SERVED + " (\\d+) \\(command (\\d+)\\)");
        java.util.regex.Matcher one = served.matcher(first.err());
        java.util.regex.Matcher two = served.matcher(second.err());
        assertThat(one.find()).as("first: %s", first.err()).isTrue();
        assertThat(two.find()).as("second: %s", second.err()).isTrue();
        assertThat(two.group(1)).as("the same JVM").isEqualTo(one.group(1));
        assertThat(Integer.parseInt(two.group(2))).isEqualTo(Integer.parseInt(one.group(2)) + 1);
        assertThat(second.out()).startsWith("jcompose version");
    }

    @Test
    void aSymlinkToTheLauncherReachesTheSameStandbyJvm() throws Exception {
        // an install in a bin directory: the launcher finds the checkout where the link points
        Path link = Files.createSymbolicLink(dir.resolve("jcompose"), REPO.resolve("bin/jcompose"));
        awaitStandby();
        Result linked = run(null, List.of(link.toString(), "--verbose", "config", "--services"));
        assertThat(linked.code()).as("via the symlink: %s", linked.err()).isZero();
        assertThat(linked.out().lines()).containsExactlyInAnyOrder("web", "db");
        assertThat(linked.err()).contains(SERVED);
    }

    @Test
    void theStandbyJvmReadsTheClientsInput() throws Exception {
        awaitStandby();
        Result fromStdin = jcompose("services:\n  piped:\n    image: busybox\n", "--verbose", "-f", "-", "config",
                "--services");
        assertThat(fromStdin.err()).contains(SERVED);
        assertThat(fromStdin.out()).isEqualTo("piped\n");
    }

    @Test
    void outputsOfTwoCommandsShareTheShellsFileOffset() throws Exception {
        awaitStandby();
        // the second command writes where the first stopped only if it got the very descriptor of the shell
        Path out = dir.resolve("out.txt");
        String jc = REPO.resolve("bin/jcompose").toString();
        Result both = run(null, List.of("bash", "-c",
                "{ \"$0\" --verbose config --services; \"$0\" version; } > " + out, jc));
        assertThat(both.code()).isZero();
        assertThat(both.err()).contains(SERVED);
        assertThat(Files.readAllLines(out)).hasSize(3).contains("web", "db").last().asString().startsWith("jcompose");
    }

    @Test
    void anotherEnvironmentIsDeclined_andRunsInAJvmOfItsOwn() throws Exception {
        awaitStandby();
        env.put("COMPOSE_PROFILES", "other");
        Result declined = jcompose(null, "--verbose", "config", "--services");
        assertThat(declined.err()).doesNotContain(SERVED);
        assertThat(declined.out().lines()).containsExactlyInAnyOrder("web", "db");
        assertThat(declined.code()).isZero();
        // the standby JVM noted why, for whoever wonders why the command started a JVM of its own
        try (var logs = Files.newDirectoryStream(REPO.resolve("cli/target"), "standby-*.sock.log")) {
            StringBuilder all = new StringBuilder();
            for (Path log : logs) {
                all.append(Files.readString(log));
            }
            assertThat(all.toString()).contains("declines a command and ends: environment variable COMPOSE_PROFILES");
        }
    }

    @Test
    @EnabledIf("io.jcompose.e2e.OnBuiltInRuntime#canRun")
    void aSignalToTheClientReachesTheCommand() throws Exception {
        LinuxProjectRun.importFixtures();
        try (LinuxProjectRun project = new LinuxProjectRun(dir)) {
            awaitStandby();
            // as in RunSignalTest: the one-off traps SIGINT, and its exit code becomes jcompose's
            List<String> command = new ArrayList<>(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec @ARGV", "bash",
                    REPO.resolve("bin/jcompose").toString(), "--backend", "linux", "-p", project.project,
                    "--progress", "plain", "run", "--rm", "-T", "web", "sh", "-c",
                    "trap 'echo got INT; exit 3' INT; echo ready; while true; do sleep 0.1; done"));
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            builder.environment().clear();
            builder.environment().putAll(env);
            Process p = builder.start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(),
                        StandardCharsets.UTF_8));
                StringBuilder seen = new StringBuilder();
                for (String line = out.readLine(); line != null && !line.equals("ready"); line = out.readLine()) {
                    seen.append(line).append('\n');
                }
                assertThat(p.info().command().orElse("")).as("the process is the client, not a JVM")
                        .endsWith("jcompose-client");
                assertThat(new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor()).isZero();
                String rest = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("jcompose ended; output: %s", rest).isTrue();
                assertThat(rest).contains("got INT");
                assertThat(p.exitValue()).as("the container's exit code; output: %s%s", seen, rest).isEqualTo(3);
            } finally {
                p.destroyForcibly().waitFor();
            }
            assertThat(project.containers()).as("--rm removed the one-off").isEmpty();
        }
    }

    @Test
    @EnabledIf("io.jcompose.e2e.OnBuiltInRuntime#canRun")
    void upPsAndDownRunInOneStandbyJvm_andLeaveNothing() throws Exception {
        LinuxProjectRun.importFixtures();
        Files.writeString(dir.resolve("compose.yaml"), BOX);
        try (LinuxProjectRun project = new LinuxProjectRun(dir)) {
            awaitStandby();
            List<String> on = List.of("--verbose", "--backend", "linux", "-p", project.project, "--progress", "quiet");
            Result up = jcompose(null, concat(on, "up", "-d"));
            assertThat(up.code()).as("up: %s", up.err()).isZero();
            Result ps = jcompose(null, concat(on, "ps", "--format", "json"));
            assertThat(ps.out()).contains("\"Service\":\"box\"").contains("\"State\":\"running\"");
            List<String> ids = project.containers().stream().map(r -> r.id()).toList();
            assertThat(ids).hasSize(1);
            Result down = jcompose(null, concat(on, "down", "-t", "0"));
            assertThat(down.code()).as("down: %s", down.err()).isZero();
            java.util.regex.Pattern served = java.util.regex.Pattern.compile(SERVED + " (\\d+) ");
            List<String> pids = new ArrayList<>();
            for (Result r : List.of(up, ps, down)) {
                java.util.regex.Matcher m = served.matcher(r.err());
                assertThat(m.find()).as("served: %s", r.err()).isTrue();
                pids.add(m.group(1));
            }
            assertThat(pids).as("one JVM for all three").containsOnly(pids.get(0));
            assertThat(project.containers()).as("down removed the container").isEmpty();
            assertThat(project.leftovers(ids)).as("nothing of the project remains").isEmpty();
        }
    }

    @Test
    @EnabledIf("io.jcompose.e2e.OnBuiltInRuntime#canRun")
    void aOneOffWhoseInputEndedLeavesTheJvmForTheNext_oneWhoseInputStaysOpenEndsIt() throws Exception {
        LinuxProjectRun.importFixtures();
        Files.writeString(dir.resolve("compose.yaml"), BOX);
        try (LinuxProjectRun project = new LinuxProjectRun(dir)) {
            awaitStandby();
            List<String> on = List.of("--verbose", "--backend", "linux", "-p", project.project, "--progress", "quiet");
            Result one = jcompose(null, concat(on, "run", "--rm", "-T", "box", "echo", "one"));
            Result two = jcompose("", concat(on, "run", "--rm", "-T", "box", "cat"));
            assertThat(one.out()).as("one: %s", one.err()).isEqualTo("one\n");
            assertThat(two.code()).as("two: %s", two.err()).isZero();
            String jvm = servedBy(one);
            assertThat(servedBy(two)).as("the same JVM").isEqualTo(jvm);

            // an input that has not ended when the one-off does: the thread that copies it is still reading, and
            // the JVM must not take a command whose input that thread would read
            List<String> command = new ArrayList<>(List.of(REPO.resolve("bin/jcompose").toString()));
            command.addAll(List.of(concat(on, "run", "--rm", "-T", "box", "echo", "three")));
            Path heldErr = dir.resolve("held-err.txt");
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                    .redirectError(heldErr.toFile());
            builder.environment().clear();
            builder.environment().putAll(env);
            Process held = builder.start();
            try (var input = held.getOutputStream()) {
                String out = new String(held.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(held.waitFor(60, TimeUnit.SECONDS)).isTrue();
                assertThat(out).isEqualTo("three\n");
                assertThat(Files.readString(heldErr)).as("served by the same JVM").contains(SERVED + " " + jvm + " ");
                Result next = jcompose(null, "--verbose", "version");
                assertThat(next.code()).isZero();
                assertThat(next.err()).as("not the JVM whose thread still reads the held input")
                        .doesNotContain(SERVED + " " + jvm + " ");
            }
            assertThat(project.containers()).as("--rm removed the one-offs").isEmpty();
        }
    }

    private static String servedBy(Result result) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(SERVED + " (\\d+) ").matcher(result.err());
        assertThat(m.find()).as("served: %s", result.err()).isTrue();
        return m.group(1);
    }

    private static String[] concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all.toArray(String[]::new);
    }

    /**
     * Waits until a standby JVM of this test's environment listens: one is started by the first command run here
     * (a command that is served starts the next), and warms up for a moment first. Looking does not use it up.
     */
    private void awaitStandby() throws Exception {
        if (standbyPids().isEmpty()) {
            Result first = jcompose(null, "version");
            assertThat(first.code()).as("version: %s", first.err()).isZero();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            if (standbyListening()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no standby JVM of this test listens after 90 s: " + standbyPids());
    }

    private List<Long> standbyPids() {
        String mark = env.get("JCOMPOSE_STANDBY_TEST");
        return ProcessHandle.allProcesses().filter(p -> environmentHas(p.pid(), mark))
                .filter(p -> p.info().commandLine().orElse("").contains("jcompose.standby.role=standby"))
                .map(ProcessHandle::pid).toList();
    }

    /** True when a standby JVM of this test holds a listening Unix socket (/proc/net/unix flag __SO_ACCEPTCON). */
    private boolean standbyListening() throws IOException {
        java.util.Set<String> listening = new java.util.HashSet<>();
        List<String> sockets = Files.readAllLines(Path.of("/proc/net/unix"));
        for (String line : sockets.subList(1, sockets.size())) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 8 && f[3].equals("00010000") && f[7].contains("/standby-")) {
                listening.add("socket:[" + f[6] + "]");
            }
        }
        for (long pid : standbyPids()) {
            try (var fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
                for (Path fd : fds.toList()) {
                    try {
                        if (listening.contains(Files.readSymbolicLink(fd).toString())) {
                            return true;
                        }
                    } catch (IOException ended) {
                        // closed meanwhile
                    }
                }
            } catch (IOException ended) {
                // the process ended meanwhile
            }
        }
        return false;
    }

    private Result jcompose(String stdin, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(REPO.resolve("bin/jcompose").toString()));
        command.addAll(List.of(args));
        return run(stdin, command);
    }

    private Result run(String stdin, List<String> command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Path err = Files.createTempFile(dir, "err", ".txt");
        builder.redirectError(err.toFile());
        if (stdin == null) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        Process p = builder.start();
        if (stdin != null) {
            try (var in = p.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s ended", command).isTrue();
        String errText = Files.readString(err);
        Files.delete(err);
        return new Result(p.exitValue(), out, errText);
    }

    private static boolean environmentHas(long pid, String mark) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/environ")), StandardCharsets.UTF_8)
                    .contains("JCOMPOSE_STANDBY_TEST=" + mark);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}

package io.jcompose.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcompose.engine.linux.container.ContainerRecord;
import io.jcompose.engine.linux.container.ContainerStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/** A compose project on the built-in runtime, with no daemon: up, health, restart, volumes, down, leak checks. */
@EnabledIf("io.jcompose.e2e.OnBuiltInRuntime#canRun")
class LinuxUpDownTest extends OnBuiltInRuntime {


    @TempDir
    Path dir;

    private static String compose(int port) {
        return """
                services:
                  web:
                    image: jcompose-fixtures/busybox:latest
                    network_mode: host
                    init: true
                    command: ["sh", "-c", "mkdir -p /www && echo hello-from-web > /www/index.html && exec httpd -f -p 127.0.0.1:%d -h /www"]
                    healthcheck:
                      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://127.0.0.1:%d/"]
                      interval: 1s
                      retries: 5
                  worker:
                    image: jcompose-fixtures/busybox:latest
                    network_mode: none
                    init: true
                    restart: always
                    command: ["sh", "-c", "echo started >> /data/log; exec sleep 1000"]
                    volumes: [data:/data]
                    depends_on:
                      web: {condition: service_healthy}
                volumes:
                  data: {}
                """.formatted(port, port);
    }

    @Test
    void upServesWaitsForHealth_restartsAKilledProcess_keepsVolumesUntilDownV() throws Exception {
        int port = ProjectRun.freePort();
        try (LinuxProjectRun run = new LinuxProjectRun(dir)) {
            run.write("compose.yaml", compose(port));
            LinuxProjectRun.Result up = run.jcompose("up", "-d");
            assertThat(up.code()).as(up.err()).isZero();
            assertThat(run.containers()).hasSize(2).allMatch(c -> status(run, c).running());
            assertThat(ProjectRun.get(port, Duration.ofSeconds(10))).isEqualTo("hello-from-web\n");
            assertThat(run.jcompose("ps").out()).contains(run.project + "-web-1").contains("(healthy)");

            List<String> ids = run.containers().stream().map(ContainerRecord::id).sorted().toList();
            ok(run.jcompose("up", "-d"));
            assertThat(run.containers().stream().map(ContainerRecord::id).sorted().toList()).isEqualTo(ids);

            // the main process dies: the supervisor starts it again (restart: always)
            ContainerRecord worker = run.containers().stream().filter(c -> c.name().endsWith("-worker-1"))
                    .findFirst().orElseThrow();
            long pid = status(run, worker).pid().orElseThrow();
            new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (status(run, worker).pid().filter(p -> p != pid).isEmpty()) {
                assertThat(System.nanoTime()).as("restarted in time").isLessThan(deadline);
                Thread.sleep(100);
            }
            assertThat(run.jcompose("exec", "-T", "worker", "cat", "/data/log").out())
                    .isEqualTo("started\nstarted\n");

            ok(run.jcompose("down", "-t", "2"));
            assertThat(run.containers()).isEmpty();
            assertThat(run.volumes()).hasSize(1);
            assertThat(run.leftovers(ids)).isEmpty();

            ok(run.jcompose("up", "-d"));
            assertThat(run.jcompose("exec", "-T", "worker", "cat", "/data/log").out())
                    .isEqualTo("started\nstarted\nstarted\n");
            List<String> second = run.containers().stream().map(ContainerRecord::id).toList();

            ok(run.jcompose("down", "-v", "-t", "2"));
            assertThat(run.containers()).isEmpty();
            assertThat(run.volumes()).isEmpty();
            assertThat(run.leftovers(second)).isEmpty();
        }
    }

    @Test
    void oneOffRunPassesOutputAndExitCode_andLeavesNothing() throws Exception {
        try (LinuxProjectRun run = new LinuxProjectRun(dir)) {
            run.write("compose.yaml", """
                    services:
                      app:
                        image: jcompose-fixtures/busybox:latest
                        network_mode: none
                    """);
            LinuxProjectRun.Result r = run.jcompose("run", "--rm", "-T", "app", "sh", "-c", "echo one-off; exit 7");
            assertThat(r.code()).as(r.err()).isEqualTo(7);
            assertThat(r.out()).contains("one-off");
            assertThat(run.containers()).isEmpty();

            LinuxProjectRun.Result piped = run.jcomposeWithInput("from stdin\n".getBytes(), "run", "--rm", "app",
                    "cat");
            assertThat(piped.out()).contains("from stdin");
        }
    }

    @Test
    void logsTailAndTimestamps() throws Exception {
        try (LinuxProjectRun run = new LinuxProjectRun(dir)) {
            run.write("compose.yaml", """
                    services:
                      talker:
                        image: jcompose-fixtures/busybox:latest
                        network_mode: none
                        command: ["sh", "-c", "for i in 1 2 3 4 5; do echo line$$i; done; echo oops >&2"]
                    """);
            ok(run.jcompose("up", "-d"));
            ok(run.jcompose("wait", "talker"));
            String all = run.jcompose("logs", "--no-log-prefix").out();
            assertThat(all).contains("line1", "line5", "oops");
            String tail = run.jcompose("logs", "--no-log-prefix", "--tail", "2").out();
            assertThat(tail.strip().lines()).hasSize(2);
            assertThat(run.jcompose("logs", "-t", "--no-log-prefix", "--tail", "1").out())
                    .matches("(?s)\\d{4}-\\d\\d-\\d\\dT.*");
        }
    }

    @Test
    void volumesFromAndAnotherServicesNetworkNamespace() throws Exception {
        try (LinuxProjectRun run = new LinuxProjectRun(dir)) {
            run.write("compose.yaml", """
                    services:
                      data:
                        image: jcompose-fixtures/busybox:latest
                        init: true
                        command: ["sh", "-c", "echo shared > /vol/f && mkdir -p /www && echo hi > /www/index.html && exec httpd -f -p 8081 -h /www"]
                        volumes: [vol:/vol]
                      reader:
                        image: jcompose-fixtures/busybox:latest
                        init: true
                        command: ["sleep", "1000"]
                        volumes_from: ["data:ro"]
                        network_mode: "service:data"
                        depends_on: [data]
                      outsider:
                        image: jcompose-fixtures/busybox:latest
                        network_mode: none
                        volumes: [ext:/ext]
                        profiles: [external]
                    volumes:
                      vol: {}
                      ext:
                        external: true
                        name: jcl2e-no-such-volume
                    """);
            ok(run.jcompose("up", "-d"));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            LinuxProjectRun.Result shared = run.jcompose("exec", "-T", "reader", "cat", "/vol/f");
            while (!shared.out().equals("shared\n") && System.nanoTime() < deadline) {
                Thread.sleep(200); // data writes the file once it runs
                shared = run.jcompose("exec", "-T", "reader", "cat", "/vol/f");
            }
            assertThat(shared.out()).as(shared.err()).isEqualTo("shared\n");
            assertThat(run.jcompose("exec", "-T", "reader", "sh", "-c", "echo x > /vol/g").code())
                    .as("volumes_from with :ro").isNotZero();
            assertThat(run.jcompose("exec", "-T", "reader", "wget", "-q", "-O", "-", "http://127.0.0.1:8081/").out())
                    .as("the network namespace of data").isEqualTo("hi\n");

            LinuxProjectRun.Result external = run.jcompose("--profile", "external", "up", "-d", "outsider");
            assertThat(external.code()).isNotZero();
            assertThat(external.err()).contains("jcl2e-no-such-volume").doesNotContain("\tat ");
        }
    }

    @Test
    void imageMissingIsOneLine() throws Exception {
        try (LinuxProjectRun run = new LinuxProjectRun(dir)) {
            run.write("compose.yaml", """
                    services:
                      app:
                        image: 127.0.0.1:1/nope:latest
                        network_mode: none
                    """);
            LinuxProjectRun.Result r = run.jcompose("up", "-d");
            assertThat(r.code()).isNotZero();
            assertThat(r.err()).contains("127.0.0.1:1").doesNotContain("\tat ");
        }
    }

    @Test
    void aKilledSupervisorIsStartedAgain_andContainersRunOnMeanwhile() throws Exception {
        try (LinuxProjectRun run = new LinuxProjectRun(dir)) {
            run.write("compose.yaml", """
                    services:
                      keeper:
                        image: jcompose-fixtures/busybox:latest
                        network_mode: none
                        init: true
                        restart: always
                        command: ["sleep", "1000"]
                    """);
            ok(run.jcompose("up", "-d"));
            Path pidFile = LinuxProjectRun.LAYOUT.supervisors().resolve(run.project + ".pid");
            long supervisor = awaitPid(pidFile, -1);
            new ProcessBuilder("kill", "-9", Long.toString(supervisor)).start().waitFor();
            ContainerRecord keeper = run.containers().getFirst();
            assertThat(status(run, keeper).running()).as("its monitor holds it, not the supervisor").isTrue();

            ok(run.jcompose("ps"));
            long second = awaitPid(pidFile, supervisor);
            assertThat(second).isNotEqualTo(supervisor);

            long pid = status(run, keeper).pid().orElseThrow();
            new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (status(run, keeper).pid().filter(p -> p != pid).isEmpty()) {
                assertThat(System.nanoTime()).as("restarted by the new supervisor").isLessThan(deadline);
                Thread.sleep(100);
            }
        }
    }

    @Test
    void withoutRootOrRuntime_oneLineSaysWhatIsMissing() throws Exception {
        Path jcompose = Path.of(System.getProperty("jcompose.repo"), "bin/jcompose");
        Process p = new ProcessBuilder("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                jcompose.toString(), "--backend", "linux", "-p", "nobody", "ps").directory(Path.of("/").toFile())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor()).isNotZero();
        assertThat(out).isEqualTo("the built-in runtime needs root (run jcompose with sudo), or use a Docker daemon");

        java.io.StringWriter err = new java.io.StringWriter();
        int code = io.jcompose.cli.Jcompose.run(new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(err), java.io.InputStream.nullInputStream(),
                java.util.Map.of("PATH", "/usr/bin:/bin", "JCOMPOSE_BACKEND", "linux", "JCOMPOSE_RUNTIME",
                        "/nonexistent/runc", "JCOMPOSE_RUN_ROOT", dir.resolve("run").toString()), dir,
                "-p", "noruntime", "ps");
        assertThat(code).isNotZero();
        assertThat(err.toString().strip()).isEqualTo("no OCI runtime can run a container here (/nonexistent/runc: not"
                + " installed): install one with: apt-get install -y runc (or crun)");
    }

    private static long awaitPid(Path pidFile, long not) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            if (java.nio.file.Files.exists(pidFile)) {
                long pid = Long.parseLong(java.nio.file.Files.readString(pidFile).strip());
                if (pid != not && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                    return pid;
                }
            }
            assertThat(System.nanoTime()).as("a supervisor runs").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static ContainerStatus status(LinuxProjectRun run, ContainerRecord c) {
        return ContainerStatus.of(run.store.get(c.id()), run.store);
    }
}

package io.jcompose.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** up, down and the daily commands against the real Docker daemon, observed from outside with docker-java. */
class DockerUpDownTest {

    private static final Path SAMPLES = Path.of(System.getProperty("jcompose.repo", "../..")).resolve("samples");

    @TempDir
    Path dir;

    @Test
    void flaskRedis_upBuildCountsVisitsAndDownRemovesEverything() throws IOException, InterruptedException {
        copy(SAMPLES.resolve("flask-redis"), dir);
        int port = ProjectRun.freePort();
        try (ProjectRun run = new ProjectRun(dir)) {
            run.write("compose.override.yaml", "services:\n  web:\n    ports: !override [\"" + port + ":5000\"]\n");
            ProjectRun.Result up = run.jcompose("up", "-d", "--build");
            assertThat(up.code()).as(up.err()).isZero();
            assertThat(ProjectRun.get(port, Duration.ofSeconds(30))).isEqualTo("Hello World! I have been seen 1 times.\n");
            assertThat(ProjectRun.get(port, Duration.ofSeconds(5))).isEqualTo("Hello World! I have been seen 2 times.\n");

            ProjectRun.Result down = run.jcompose("down", "-v");
            assertThat(down.code()).as(down.err()).isZero();
            assertThat(run.containers()).isEmpty();
            assertThat(run.networks()).isZero();
            assertThat(run.volumes()).isZero();
        }
    }

    @Test
    void up_twice_changesNothing_andAnEditRecreatesOnlyThatService() throws InterruptedException {
        try (ProjectRun run = new ProjectRun(dir)) {
            run.write("compose.yaml", """
                    services:
                      a:
                        image: jcompose-fixtures/busybox:latest
                        command: sleep 300
                        environment: {COLOR: red}
                      b:
                        image: jcompose-fixtures/busybox:latest
                        command: sleep 300
                    """);
            assertThat(run.jcompose("up", "-d").code()).isZero();
            Map<String, String> first = ids(run.containers());
            assertThat(first).containsOnlyKeys("/" + run.project + "-a-1", "/" + run.project + "-b-1");

            ProjectRun.Result again = run.jcompose("up", "-d");
            assertThat(again.code()).isZero();
            assertThat(ids(run.containers())).isEqualTo(first);

            run.write("compose.yaml", """
                    services:
                      a:
                        image: jcompose-fixtures/busybox:latest
                        command: sleep 300
                        environment: {COLOR: blue}
                      b:
                        image: jcompose-fixtures/busybox:latest
                        command: sleep 300
                    """);
            assertThat(run.jcompose("up", "-d", "-t", "1").code()).isZero();
            Map<String, String> after = ids(run.containers());
            assertThat(after.get("/" + run.project + "-b-1")).isEqualTo(first.get("/" + run.project + "-b-1"));
            assertThat(after.get("/" + run.project + "-a-1")).isNotEqualTo(first.get("/" + run.project + "-a-1"));
            assertThat(after).hasSize(2);
        }
    }

    @Test
    void healthcheckGatesStart_andWaitFailsOnUnhealthy() {
        try (ProjectRun run = new ProjectRun(dir)) {
            run.write("compose.yaml", """
                    services:
                      db:
                        image: jcompose-fixtures/busybox:latest
                        command: sh -c 'sleep 1; touch /tmp/ready; sleep 300'
                        healthcheck: {test: "test -f /tmp/ready", interval: 500ms, retries: 20}
                      app:
                        image: jcompose-fixtures/busybox:latest
                        command: sleep 300
                        depends_on: {db: {condition: service_healthy}}
                    """);
            ProjectRun.Result up = run.jcompose("up", "-d", "-t", "1");
            assertThat(up.code()).as(up.err()).isZero();
            assertThat(up.err().indexOf("Service db  Healthy")).isPositive()
                    .isLessThan(up.err().indexOf("Container " + run.project + "-app-1  Started"));

            run.write("compose.yaml", """
                    services:
                      sick:
                        image: jcompose-fixtures/busybox:latest
                        command: sleep 300
                        healthcheck: {test: "false", interval: 300ms, retries: 2}
                    """);
            ProjectRun.Result wait = run.jcompose("up", "-d", "--wait", "--wait-timeout", "30", "--remove-orphans",
                    "-t", "1");
            assertThat(wait.code()).isEqualTo(1);
            assertThat(wait.err()).contains("container " + run.project + "-sick-1 is unhealthy");
        }
    }

    @Test
    void execRunLogsScaleAndOrphans() {
        try (ProjectRun run = new ProjectRun(dir)) {
            run.write("compose.yaml", """
                    services:
                      talk:
                        image: jcompose-fixtures/busybox:latest
                        command: sh -c 'for i in 1 2 3 4 5; do echo line $$i; done; sleep 300'
                      extra:
                        image: jcompose-fixtures/busybox:latest
                        command: sleep 300
                    """);
            assertThat(run.jcompose("up", "-d").code()).isZero();

            assertThat(run.jcompose("exec", "-T", "talk", "sh", "-c", "exit 7").code()).isEqualTo(7);
            ProjectRun.Result echo = run.jcompose("exec", "-T", "talk", "echo", "hi");
            assertThat(echo.code()).isZero();
            assertThat(echo.out()).isEqualTo("hi\n");

            ProjectRun.Result oneOff = run.jcompose("run", "--rm", "-T", "extra", "sh", "-c", "echo once; exit 3");
            assertThat(oneOff.code()).isEqualTo(3);
            assertThat(oneOff.out()).contains("once");
            assertThat(run.containers()).noneMatch(c -> c.getNames()[0].contains("-run-"));

            ProjectRun.Result logs = awaitLogs(run);
            assertThat(logs.out()).isEqualTo("talk-1  | line 4\ntalk-1  | line 5\n");

            assertThat(run.jcompose("up", "-d", "--scale", "extra=3").code()).isZero();
            assertThat(names(run.containers())).contains("/" + run.project + "-extra-3");
            assertThat(run.jcompose("up", "-d", "--scale", "extra=1", "-t", "1").code()).isZero();
            assertThat(names(run.containers())).doesNotContain("/" + run.project + "-extra-2",
                    "/" + run.project + "-extra-3");

            run.write("compose.yaml", """
                    services:
                      talk:
                        image: jcompose-fixtures/busybox:latest
                        command: sh -c 'for i in 1 2 3 4 5; do echo line $$i; done; sleep 300'
                    """);
            ProjectRun.Result orphans = run.jcompose("up", "-d");
            assertThat(orphans.err()).contains("orphan");
            assertThat(names(run.containers())).contains("/" + run.project + "-extra-1");
            assertThat(run.jcompose("up", "-d", "--remove-orphans", "-t", "1").code()).isZero();
            assertThat(names(run.containers())).containsExactly("/" + run.project + "-talk-1");
        }
    }

    @Test
    void upBuild_rebuildsAndRecreatesWhenTheSourceChanged() {
        try (ProjectRun run = new ProjectRun(dir)) {
            run.write("app/Dockerfile", "FROM jcompose-fixtures/busybox:latest\nCOPY message /message\n"
                    + "CMD [\"sleep\", \"300\"]\n");
            run.write("app/message", "v1\n");
            run.write("compose.yaml", "services:\n  app:\n    build: ./app\n");
            assertThat(run.jcompose("up", "-d").code()).isZero();
            String before = run.containers().getFirst().getId();
            assertThat(run.jcompose("exec", "-T", "app", "cat", "/message").out()).isEqualTo("v1\n");

            assertThat(run.jcompose("up", "-d", "--build").code()).isZero();
            assertThat(run.containers().getFirst().getId()).as("same image: kept").isEqualTo(before);

            run.write("app/message", "v2\n");
            ProjectRun.Result rebuilt = run.jcompose("up", "-d", "--build", "-t", "1");
            assertThat(rebuilt.code()).as(rebuilt.err()).isZero();
            assertThat(run.containers()).hasSize(1);
            assertThat(run.containers().getFirst().getId()).isNotEqualTo(before);
            assertThat(run.jcompose("exec", "-T", "app", "cat", "/message").out()).isEqualTo("v2\n");
        }
    }

    private static ProjectRun.Result awaitLogs(ProjectRun run) {
        ProjectRun.Result logs = run.jcompose("logs", "--tail", "2", "--no-color", "talk");
        for (int i = 0; i < 40 && !logs.out().contains("line 5"); i++) {
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            logs = run.jcompose("logs", "--tail", "2", "--no-color", "talk");
        }
        return logs;
    }

    private static Map<String, String> ids(List<Container> containers) {
        return containers.stream().collect(Collectors.toMap(c -> c.getNames()[0], Container::getId));
    }

    private static List<String> names(List<Container> containers) {
        return containers.stream().map(c -> c.getNames()[0]).sorted().toList();
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}

package io.jcompose.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same daemon shared with docker-compose v1 (Debian's docker-compose): a project it started is listed and
 * removed by jcompose, since both write docker compose's labels.
 */
class DockerCompatibilityTest {

    @TempDir
    Path dir;

    @Test
    void projectStartedByComposeV1_isListedAndRemovedByJcompose() throws IOException, InterruptedException {
        try (ProjectRun run = new ProjectRun(dir)) {
            run.write("docker-compose.yml", """
                    version: "3.8"
                    services:
                      app:
                        image: jcompose-fixtures/busybox:latest
                        command: sleep 300
                        volumes: [data:/data]
                    volumes:
                      data: {}
                    """);
            Process v1 = new ProcessBuilder("docker-compose", "-p", run.project, "up", "-d")
                    .directory(dir.toFile()).redirectErrorStream(true).start();
            String v1Output = new String(v1.getInputStream().readAllBytes());
            assertThat(v1.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(v1.exitValue()).as(v1Output).isZero();
            assertThat(run.containers()).hasSize(1);

            ProjectRun.Result ls = run.jcompose("ls");
            assertThat(ls.out()).contains(run.project).contains("running(1)");
            ProjectRun.Result ps = run.jcompose("ps", "--format", "json");
            assertThat(ps.out()).contains("\"Service\":\"app\"").contains("\"State\":\"running\"");

            ProjectRun.Result down = run.jcompose("down", "-v", "-t", "1");
            assertThat(down.code()).as(down.err()).isZero();
            assertThat(run.containers()).isEmpty();
            assertThat(run.networks()).isZero();
            assertThat(run.volumes()).isZero();
        }
    }

    @Test
    void projectStartedByJcompose_isSeenByComposeV1() throws IOException, InterruptedException {
        try (ProjectRun run = new ProjectRun(dir)) {
            run.write("docker-compose.yml", """
                    services:
                      app:
                        image: jcompose-fixtures/busybox:latest
                        command: sleep 300
                    """);
            assertThat(run.jcompose("up", "-d").code()).isZero();
            Process v1 = new ProcessBuilder("docker-compose", "-p", run.project, "ps", "-q")
                    .directory(dir.toFile()).redirectErrorStream(true).start();
            String ids = new String(v1.getInputStream().readAllBytes()).strip();
            assertThat(v1.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(List.of(ids.split("\n"))).containsExactly(run.containers().getFirst().getId());
        }
    }
}

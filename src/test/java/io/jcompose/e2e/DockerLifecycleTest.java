package io.jcompose.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands on existing containers (stop, start, restart, pause, kill, rm) and the ones that show them. */
class DockerLifecycleTest {

    @TempDir
    Path dir;

    private static String state(ProjectRun run, String service) {
        return run.containers().stream().filter(c -> c.getNames()[0].endsWith("-" + service + "-1"))
                .map(Container::getState).findFirst().orElse("gone");
    }

    @Test
    void lifecycleCommands_moveContainersBetweenStates() {
        int port = ProjectRun.freePort();
        try (ProjectRun run = new ProjectRun(dir)) {
            run.write("compose.yaml", """
                    services:
                      web:
                        image: jcompose-fixtures/busybox:latest
                        command: httpd -f -p 8080
                        stop_signal: SIGKILL
                        ports: ["127.0.0.1:%d:8080"]
                      worker:
                        image: jcompose-fixtures/busybox:latest
                        command: sleep 300
                        stop_signal: SIGKILL
                    """.formatted(port));
            assertThat(run.jcompose("up", "-d").code()).isZero();

            assertThat(run.jcompose("port", "web", "8080").out()).isEqualTo("127.0.0.1:" + port + "\n");
            assertThat(run.jcompose("top", "worker").out()).contains("sleep 300");
            assertThat(run.jcompose("images").out()).contains("jcompose-fixtures/busybox").contains("latest");
            assertThat(run.jcompose("ls", "-q").out()).contains(run.project);
            assertThat(run.jcompose("ps", "--services").out()).isEqualTo("web\nworker\n");

            assertThat(run.jcompose("pause", "worker").code()).isZero();
            assertThat(state(run, "worker")).isEqualTo("paused");
            assertThat(run.jcompose("unpause", "worker").code()).isZero();
            assertThat(state(run, "worker")).isEqualTo("running");

            assertThat(run.jcompose("stop", "worker").code()).isZero();
            assertThat(state(run, "worker")).isEqualTo("exited");
            assertThat(run.jcompose("ps", "--status", "exited", "--services").out()).isEqualTo("worker\n");
            assertThat(run.jcompose("start", "worker").code()).isZero();
            assertThat(state(run, "worker")).isEqualTo("running");

            String before = run.containers().stream().filter(c -> c.getNames()[0].endsWith("-worker-1"))
                    .findFirst().orElseThrow().getId();
            assertThat(run.jcompose("restart", "worker").code()).isZero();
            assertThat(state(run, "worker")).isEqualTo("running");
            assertThat(run.containers()).anyMatch(c -> c.getId().equals(before));

            assertThat(run.jcompose("kill", "worker").code()).isZero();
            assertThat(state(run, "worker")).isEqualTo("exited");
            assertThat(run.jcompose("rm", "-f", "worker").code()).isZero();
            assertThat(state(run, "worker")).isEqualTo("gone");
            assertThat(state(run, "web")).isEqualTo("running");
        }
    }
}

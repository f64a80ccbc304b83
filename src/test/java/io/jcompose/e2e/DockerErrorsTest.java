package io.jcompose.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcompose.cli.Jcompose;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input against the Docker backend: one clear line, a non-zero exit, no stack trace. */
class DockerErrorsTest {

    @TempDir
    Path dir;

    @Test
    void daemonNotRunning_namesDockerHostAndHowToStartIt() throws IOException {
        Files.writeString(dir.resolve("compose.yaml"), "services:\n  a:\n    image: jcompose-fixtures/busybox\n");
        StringWriter err = new StringWriter();
        int code = Jcompose.run(new PrintWriter(new StringWriter()), new PrintWriter(err),
                new ByteArrayInputStream(new byte[0]), Map.of("DOCKER_HOST", "unix:///nonexistent/docker.sock",
                        "JCOMPOSE_BACKEND", "docker"), dir, "ps");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("unix:///nonexistent/docker.sock").containsIgnoringCase("dockerd")
                .doesNotContain("\tat ").hasLineCount(1);
    }

    @Test
    void imageNotFound_namesTheImage() {
        try (ProjectRun run = new ProjectRun(dir)) {
            run.write("compose.yaml", "services:\n  a:\n    image: jcompose-fixtures/nosuchimage:1\n"
                    + "    pull_policy: never\n");
            ProjectRun.Result up = run.jcompose("up", "-d");
            assertThat(up.code()).isNotZero();
            assertThat(up.err()).contains("jcompose-fixtures/nosuchimage:1").doesNotContain("\tat ");
        }
    }

    @Test
    void portAlreadyTaken_namesThePortAndTheService() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             ProjectRun run = new ProjectRun(dir)) {
            int port = taken.getLocalPort();
            run.write("compose.yaml", "services:\n  web:\n    image: jcompose-fixtures/busybox:latest\n"
                    + "    command: sleep 300\n    ports: [\"127.0.0.1:" + port + ":80\"]\n");
            ProjectRun.Result up = run.jcompose("up", "-d");
            assertThat(up.code()).isNotZero();
            assertThat(up.err()).contains(String.valueOf(port)).contains("web").doesNotContain("\tat ");
        }
    }

    @Test
    void buildFailure_showsTheFailingStepAndItsOutput() {
        try (ProjectRun run = new ProjectRun(dir)) {
            run.write("app/Dockerfile", "FROM jcompose-fixtures/busybox:latest\n"
                    + "RUN echo preparing && echo 'no such tool here' >&2 && exit 42\n");
            run.write("compose.yaml", "services:\n  app:\n    build: ./app\n");
            int before = run.docker.listContainersCmd().withShowAll(true).exec().size();
            ProjectRun.Result up = run.jcompose("up", "-d", "--build");
            assertThat(up.code()).isNotZero();
            assertThat(up.err()).contains("no such tool here").contains("42").doesNotContain("\tat ");
            assertThat(run.docker.listContainersCmd().withShowAll(true).exec()).as("the failed step's container")
                    .hasSize(before);
        }
    }
}

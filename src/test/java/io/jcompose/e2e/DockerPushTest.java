package io.jcompose.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.NotFoundException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** push against a registry of its own on 127.0.0.1, then against the same registry stopped. */
class DockerPushTest {

    @TempDir
    Path dir;

    @TempDir
    Path registryDir;

    @Test
    void push_buildsWithAnImageGoToTheRegistry_othersAreSkipped_andAnUnreachableRegistryFailsInOneLine()
            throws Exception {
        try (ProjectRun run = new ProjectRun(dir); LocalRegistry registry = new LocalRegistry(registryDir)) {
            String image = "127.0.0.1:" + registry.port + "/" + run.project + "/app:1.0";
            String extra = "127.0.0.1:" + registry.port + "/" + run.project + "/app:extra";
            try {
                run.write("app/Dockerfile", "FROM jcompose-fixtures/busybox:latest\nCOPY message /message\n");
                run.write("app/message", "pushed\n");
                run.write("compose.yaml", """
                        services:
                          app: {build: {context: ./app, tags: ["%s"]}, image: "%s"}
                          plain: {image: jcompose-fixtures/busybox:latest}
                          unnamed: {build: ./app}
                        """.formatted(extra, image));
                ProjectRun.Result build = run.jcompose("build", "app");
                assertThat(build.code()).as(build.err()).isZero();

                ProjectRun.Result push = run.jcompose("push");
                assertThat(push.code()).as(push.err()).isZero();
                assertThat(push.err()).contains(" Service plain  Skipped", " Service unnamed  Skipped",
                        " Image " + image + "  Pushed", " Image " + extra + "  Pushed");
                assertThat(registry.get("/v2/" + run.project + "/app/tags/list").body()).contains("\"1.0\"",
                        "\"extra\"");

                registry.close();
                ProjectRun.Result failed = run.jcompose("push", "-q", "app");
                assertThat(failed.code()).isEqualTo(1);
                assertThat(failed.err().lines().toList()).as("one line per tag that failed").hasSize(2)
                        .allMatch(l -> l.startsWith("push of image ") && l.contains(" failed: ")
                                && l.contains("127.0.0.1:" + registry.port));

                ProjectRun.Result ignored = run.jcompose("push", "--ignore-push-failures", "app");
                assertThat(ignored.code()).as(ignored.err()).isZero();
                assertThat(ignored.err()).contains("Pushing app: push of image " + image + " failed");
            } finally {
                // by its exact reference only: a list filter the daemon does not know would match every image
                for (String tag : List.of(image, extra)) {
                    try {
                        run.docker.removeImageCmd(tag).withForce(true).exec();
                    } catch (NotFoundException notBuilt) {
                        // nothing to remove
                    }
                }
            }
        }
    }
}

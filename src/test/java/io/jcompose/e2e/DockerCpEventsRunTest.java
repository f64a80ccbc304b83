package io.jcompose.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cp in and out, events during a restart, and run attached with piped input, observed with docker-java. */
class DockerCpEventsRunTest {

    private static final String COMPOSE = """
            services:
              app:
                image: jcompose-fixtures/busybox:latest
                command: sleep 300
                init: true
                stop_grace_period: 1s
            """;

    @TempDir
    Path dir;

    @Test
    void cp_fileInAndOut_directoryOut_andAMissingSourceFails() throws Exception {
        try (ProjectRun run = new ProjectRun(dir)) {
            run.write("compose.yaml", COMPOSE);
            assertThat(run.jcompose("up", "-d").code()).isZero();
            run.write("in.txt", "from the host\n");

            ProjectRun.Result in = run.jcompose("cp", "in.txt", "app:/tmp/in.txt");
            assertThat(in.code()).as(in.err()).isZero();
            assertThat(in.err()).contains(" Container " + run.project + "-app-1  Copied");
            assertThat(fileInContainer(run, "/tmp/in.txt")).isEqualTo("from the host\n");

            assertThat(run.jcompose("exec", "-T", "app", "sh", "-c",
                    "mkdir -p /tmp/d/sub && echo deep > /tmp/d/sub/f && echo out > /tmp/out.txt").code()).isZero();
            ProjectRun.Result out = run.jcompose("cp", "--index", "1", "app:/tmp/out.txt", "back.txt");
            assertThat(out.code()).as(out.err()).isZero();
            assertThat(Files.readString(dir.resolve("back.txt"))).isEqualTo("out\n");
            assertThat(run.jcompose("cp", "app:/tmp/d", "./tree").code()).isZero();
            assertThat(Files.readString(dir.resolve("tree/sub/f"))).isEqualTo("deep\n");
            assertThat(run.jcompose("cp", "app:/tmp/d/.", "./tree").code()).isZero();
            assertThat(dir.resolve("tree/d")).as("dir/. copies the content only").doesNotExist();

            ProjectRun.Result missing = run.jcompose("cp", "app:/nope", "x");
            assertThat(missing.code()).isEqualTo(1);
            assertThat(missing.err()).contains("/nope");
            assertThat(run.jcompose("cp", "a:/x", "b:/y").err()).contains("copying between services is not supported");
        }
    }

    @Test
    void events_duringRestart_showStopDieStart_inTextAndJson() throws Exception {
        try (ProjectRun run = new ProjectRun(dir)) {
            run.write("compose.yaml", COMPOSE);
            assertThat(run.jcompose("up", "-d").code()).isZero();
            String id = run.containers().getFirst().getId();
            ProjectRun.Background text = run.background("events");
            ProjectRun.Background json = run.background("events", "--json", "app");
            try {
                Thread.sleep(1500); // the daemon streams only what happens after the stream opened
                assertThat(run.jcompose("restart", "-t", "1").code()).isZero();
                long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
                while (System.nanoTime() < deadline && !(text.out().contains(" container start ")
                        && json.out().contains("\"action\":\"start\""))) {
                    Thread.sleep(100);
                }
            } finally {
                assertThat(text.stop()).as("events ends with 0 when interrupted").isZero();
                assertThat(json.stop()).isZero();
            }
            List<String> lines = text.out().lines().toList();
            String format = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{6} container \\S+ " + id
                    + " \\(.*name=" + run.project + "-app-1.*\\)";
            assertThat(lines).allMatch(l -> l.matches(format), "docker compose's text format");
            assertThat(lines).extracting(l -> l.split(" ")[3]).contains("stop", "die", "start");
            assertThat(json.out()).contains("\"action\":\"die\"", "\"id\":\"" + id + "\"", "\"service\":\"app\"",
                    "\"type\":\"container\"");
        }
    }

    @Test
    void run_attached_pipesInput_returnsExitCode_labelsSlug_andRemovesWithRm() {
        try (ProjectRun run = new ProjectRun(dir)) {
            run.write("compose.yaml", COMPOSE);
            ProjectRun.Result cat = run.jcomposeWithInput("piped input\nsecond line\n".getBytes(StandardCharsets.UTF_8),
                    "run", "--rm", "-T", "app", "cat");
            assertThat(cat.code()).as(cat.err()).isZero();
            assertThat(cat.out()).isEqualTo("piped input\nsecond line\n");
            assertThat(run.containers()).noneMatch(c -> c.getNames()[0].contains("-run-"));

            ProjectRun.Result fast = run.jcompose("run", "-T", "app", "sh", "-c", "echo quick; exit 4");
            assertThat(fast.code()).isEqualTo(4);
            assertThat(fast.out()).isEqualTo("quick\n");
            Container oneOff = run.containers().stream().filter(c -> c.getNames()[0].contains("-run-")).findFirst()
                    .orElseThrow();
            String slug = oneOff.getLabels().get("com.docker.compose.slug");
            assertThat(slug).hasSize(64);
            assertThat(oneOff.getNames()[0]).isEqualTo("/" + run.project + "-app-run-" + slug.substring(0, 12));
            assertThat(oneOff.getLabels()).containsEntry("com.docker.compose.oneoff", "True");
        }
    }

    private static String fileInContainer(ProjectRun run, String path) throws Exception {
        String id = run.containers().getFirst().getId();
        try (InputStream raw = run.docker.copyArchiveFromContainerCmd(id, path).exec();
             TarArchiveInputStream tar = new TarArchiveInputStream(raw)) {
            tar.getNextEntry();
            return new String(tar.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}

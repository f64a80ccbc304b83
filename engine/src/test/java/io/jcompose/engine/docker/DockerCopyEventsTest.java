package io.jcompose.engine.docker;

import static io.jcompose.engine.docker.DaemonFixture.BUSYBOX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.engine.copy.ContainerCopier;
import io.jcompose.engine.spec.ContainerSpecs;
import io.jcompose.engine.spi.ContainerEvent;
import io.jcompose.engine.spi.ContainerOps.PathStat;
import io.jcompose.engine.spi.NotFoundException;
import io.jcompose.engine.spi.StdStreams;
import io.jcompose.model.Project;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Attach-then-start, copies in and out, and the event stream, against the real daemon. */
@Tag("docker")
class DockerCopyEventsTest extends DaemonTest {

    @Test
    void startAttached_fastCommandWithInput_losesNothing() {
        Project project = fx.project("""
                services:
                  once:
                    image: %s
                    network_mode: none
                    stdin_open: true
                    command: ["sh", "-c", "cat; echo bye >&2; exit 5"]
                """.formatted(BUSYBOX));
        String once = fx.create(ContainerSpecs.of(project, "test").spec(project.service("once").orElseThrow(),
                fx.prefix + "-once-run-1", OptionalInt.empty(), Map.of()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = containers.startAttached(once, new StdStreams(Optional.of(new ByteArrayInputStream(
                "line 1\nline 2\n".getBytes(StandardCharsets.UTF_8))), out, err));

        assertThat(code).isEqualTo(5);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("line 1\nline 2\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("bye\n");
    }

    @Test
    void startAttached_withoutInput_stillSeesTheFirstOutput() {
        Project project = fx.project("""
                services:
                  once: {image: %s, network_mode: none, command: ["echo", "quick"]}
                """.formatted(BUSYBOX));
        String once = fx.create(ContainerSpecs.of(project, "test").spec(project.service("once").orElseThrow(),
                fx.prefix + "-once-run-2", OptionalInt.empty(), Map.of()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(containers.startAttached(once, DaemonFixture.streams(out, out))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("quick\n");
    }

    @Test
    void copy_fileAndDirectoryInAndOut() throws Exception {
        String id = fx.create(fx.sleeper(), "app");
        containers.start(id);
        Path host = fx.dir().resolve("host");
        Files.createDirectories(host.resolve("tree/sub"));
        Files.writeString(host.resolve("tree/a.txt"), "alpha\n");
        Files.writeString(host.resolve("tree/sub/b.txt"), "beta\n");
        ContainerCopier copier = new ContainerCopier(containers);

        copier.toContainer(host.resolve("tree") + "", id, "/tmp/copied", false, false);
        copier.toContainer(host.resolve("tree/a.txt") + "", id, "/tmp/renamed.txt", false, false);

        Optional<PathStat> stat = containers.stat(id, "/tmp/copied/sub");
        assertThat(stat).hasValueSatisfying(s -> assertThat(s.directory()).isTrue());
        assertThat(containers.stat(id, "/tmp/renamed.txt").orElseThrow().size()).isEqualTo(6);
        assertThat(containers.stat(id, "/tmp/nothing")).isEmpty();

        Path back = host.resolve("back");
        copier.toHost(id, "/tmp/copied", back.toString(), false);
        assertThat(Files.readString(back.resolve("sub/b.txt"))).isEqualTo("beta\n");
        copier.toHost(id, "/tmp/renamed.txt", host.toString(), false);
        assertThat(Files.readString(host.resolve("renamed.txt"))).isEqualTo("alpha\n");
        copier.toHost(id, "/tmp/copied/.", back + "/", false); // the content, into a directory that exists
        assertThat(Files.readString(back.resolve("a.txt"))).isEqualTo("alpha\n");

        assertThatThrownBy(() -> copier.toHost(id, "/tmp/nothing", host.toString(), false))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("/tmp/nothing");
    }

    @Test
    void events_ofTheProjectOnly_untilInterrupted() throws Exception {
        List<ContainerEvent> seen = new CopyOnWriteArrayList<>();
        Thread stream = Thread.ofVirtual().start(() -> backend.events(fx.prefix, Optional.empty(), Optional.empty(),
                seen::add));
        Thread.sleep(500); // the daemon sends only what happens once the stream is open
        String id = fx.create(fx.sleeper(), "app");
        containers.start(id);
        containers.stop(id, Duration.ofSeconds(1));

        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (seen.stream().noneMatch(e -> e.action().equals("stop")) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        stream.interrupt();
        stream.join(Duration.ofSeconds(5));

        assertThat(stream.isAlive()).as("the stream ends when its thread is interrupted").isFalse();
        assertThat(seen).extracting(ContainerEvent::action).contains("create", "start", "die", "stop");
        assertThat(seen).allSatisfy(e -> {
            assertThat(e.containerId()).isEqualTo(id);
            assertThat(e.attributes()).containsEntry("com.docker.compose.project", fx.prefix)
                    .containsEntry("name", fx.prefix + "-app-1");
        });
    }
}

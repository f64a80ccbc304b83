package io.jcompose.engine.docker;

import static io.jcompose.engine.docker.DaemonFixture.BUSYBOX;
import static io.jcompose.engine.docker.DaemonFixture.streams;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.engine.spec.ContainerSpecs;
import io.jcompose.engine.spi.BackendUnavailableException;
import io.jcompose.engine.spi.BuildFailedException;
import io.jcompose.engine.spi.ConflictException;
import io.jcompose.engine.spi.ContainerInfo;
import io.jcompose.engine.spi.ContainerOps.LogOptions;
import io.jcompose.engine.spi.ContainerSpec;
import io.jcompose.engine.spi.EndpointSpec;
import io.jcompose.engine.spi.ExecSpec;
import io.jcompose.engine.spi.ImageOps.BuildSpec;
import io.jcompose.engine.spi.ImageOps.ImageInfo;
import io.jcompose.engine.spi.NetworkOps.NetworkSpec;
import io.jcompose.engine.spi.NotFoundException;
import io.jcompose.engine.spi.RuntimeFailureException;
import io.jcompose.engine.spi.StdStreams;
import io.jcompose.engine.spi.VolumeOps.VolumeSpec;
import io.jcompose.model.Project;
import io.jcompose.planner.observed.ContainerState;
import io.jcompose.planner.observed.Health;
import io.jcompose.planner.observed.ObservedContainer;
import io.jcompose.planner.observed.ObservedState;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The docker backend against the real daemon, with containers of the local busybox fixture image. */
@Tag("docker")
class DockerBackendTest extends DaemonTest {

    @Test
    void containers_lifecycle() {
        String id = fx.create(fx.sleeper(), "app");
        String name = fx.prefix + "-app-1";
        assertThat(containers.inspect(name).orElseThrow().state()).isEqualTo(ContainerState.CREATED);

        containers.start(name);
        containers.start(name); // already running: a success
        ContainerInfo running = containers.inspect(name).orElseThrow();
        assertThat(running.id()).isEqualTo(id);
        assertThat(running.state()).isEqualTo(ContainerState.RUNNING);
        assertThat(running.startedAt()).isPresent();
        assertThat(running.labels()).containsEntry("com.docker.compose.service", "app");

        containers.pause(name);
        assertThat(containers.inspect(name).orElseThrow().state()).isEqualTo(ContainerState.PAUSED);
        containers.unpause(name);
        assertThat(containers.top(name).getFirst()).contains("PID");

        containers.stop(name, Duration.ofSeconds(1));
        containers.stop(name, Duration.ofSeconds(1)); // not running: a success
        assertThat(containers.inspect(name).orElseThrow().state()).isEqualTo(ContainerState.EXITED);

        containers.rename(name, fx.prefix + "-renamed");
        assertThat(containers.inspect(fx.prefix + "-renamed").orElseThrow().id()).isEqualTo(id);
        containers.remove(id, false, true);
        containers.remove(id, false, true); // gone: a success
        assertThat(containers.inspect(id)).isEmpty();
    }

    @Test
    void logsAndExec_demultiplexedWithExitCodes() throws Exception {
        String id = fx.create(fx.sleeper(), "app");
        containers.start(id);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 50 && lines.size() < 2; i++) {
            lines.clear();
            containers.logs(id, new LogOptions(false, false, Optional.empty(), Optional.empty(), Optional.empty()),
                    (text, stderr) -> lines.add((stderr ? "err:" : "out:") + text));
            Thread.sleep(100);
        }
        assertThat(lines).containsExactlyInAnyOrder("out:out", "err:err");
        List<String> tail = new ArrayList<>();
        containers.logs(id, new LogOptions(false, false, Optional.of(1), Optional.empty(), Optional.empty()),
                (text, stderr) -> tail.add(text));
        assertThat(tail).hasSize(1);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = containers.exec(id, new ExecSpec(List.of("sh", "-c", "echo $GREETING; echo oops >&2; exit 3"),
                Map.of("GREETING", "hello"), Optional.of("/tmp"), Optional.empty(), false, false, false),
                streams(out, err));
        assertThat(code).isEqualTo(3);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hello\n");
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("oops\n");

        ByteArrayOutputStream echoed = new ByteArrayOutputStream();
        int cat = containers.exec(id, new ExecSpec(List.of("cat"), Map.of(), Optional.empty(), Optional.empty(),
                false, false, false), new StdStreams(Optional.of(new ByteArrayInputStream(
                "piped\n".getBytes(StandardCharsets.UTF_8))), echoed, err));
        assertThat(cat).isZero();
        assertThat(echoed.toString(StandardCharsets.UTF_8)).isEqualTo("piped\n");
    }

    @Test
    void killAttachAndWait() {
        String id = fx.create(fx.sleeper(), "app");
        containers.start(id);
        containers.kill(id, "SIGKILL");
        assertThat(containers.waitForExit(id)).isEqualTo(137);

        // a one-off that reads its input: attach must pass it on, end of file included
        Project project = fx.project("""
                services:
                  once: {image: %s, network_mode: none, stdin_open: true, command: ["sh", "-c", "cat; exit 4"]}
                """.formatted(BUSYBOX));
        String once = fx.create(ContainerSpecs.of(project, "test").spec(project.service("once").orElseThrow(),
                fx.prefix + "-once-run-1", OptionalInt.empty(), Map.of()));
        containers.start(once);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThat(containers.attach(once, new StdStreams(Optional.of(new ByteArrayInputStream(
                "hello\n".getBytes(StandardCharsets.UTF_8))), out, out))).isEqualTo(4);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hello\n");
    }

    @Test
    void networks_createConnectDisconnectRemove() {
        Project project = fx.sleeper("""
                networks:
                  front: {aliases: [web]}
                  back: {priority: 10}
                """, "networks: {front: {}, back: {}}\n");
        String id = fx.create(project, "app");
        String front = fx.prefix + "_front";
        String back = fx.prefix + "_back";
        containers.start(id); // the daemon lists a network's endpoints only for running containers
        assertThat(backend.networks().inspect(back).orElseThrow().containers()).containsExactly(fx.prefix + "-app-1");
        assertThat(backend.observe(fx.prefix).containersOf(fx.prefix).getFirst().networks())
                .containsOnlyKeys(front, back);
        assertThat(backend.networks().inspect(front).orElseThrow().labels())
                .containsEntry("com.docker.compose.network", "front")
                .containsEntry("com.docker.compose.project", fx.prefix);

        containers.disconnect(id, front);
        containers.disconnect(id, front); // not attached: a success
        assertThat(backend.networks().inspect(front).orElseThrow().containers()).isEmpty();
        EndpointSpec endpoint = new EndpointSpec(List.of("again"), Optional.empty(), Optional.empty(),
                Optional.empty());
        containers.connect(id, front, endpoint);
        containers.connect(id, front, endpoint); // already attached: a success
        assertThatThrownBy(() -> backend.networks().remove(front)).isInstanceOf(ConflictException.class);

        containers.remove(id, true, true);
        backend.networks().remove(front);
        backend.networks().remove(front); // gone: a success
        assertThat(backend.networks().inspect(front)).isEmpty();
        assertThatThrownBy(() -> backend.networks().create(new NetworkSpec(back, Optional.empty(), Map.of(),
                Map.of(), false, false, false, List.of()))).isInstanceOf(ConflictException.class)
                .hasMessageContaining(back);
    }

    @Test
    void volumesMountsAndObserve() throws Exception {
        Project project = fx.sleeper("""
                volumes: [data:/data, /anon, "./host:/host"]
                tmpfs: [/scratch]
                labels: [jct.test=yes]
                ports: ["127.0.0.1::8080"]
                healthcheck: {test: "true", interval: 1s}
                """, "volumes: {data: {labels: {k: v}}}\n");
        String id = fx.create(project, "app");
        String volume = fx.prefix + "_data";
        backend.volumes().create(new VolumeSpec(volume, Optional.empty(), Map.of(), Map.of())); // exists: fine
        assertThat(backend.volumes().inspect(volume).orElseThrow().labels()).containsEntry("k", "v")
                .containsEntry("com.docker.compose.volume", "data");
        containers.start(id);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        containers.exec(id, new ExecSpec(List.of("sh", "-c", "echo x > /data/f && echo y > /host/f && cat /data/f"
                + " /host/f && grep -c ' /scratch tmpfs' /proc/mounts"), Map.of(), Optional.empty(), Optional.empty(),
                false, false, false), streams(out, out));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("x\ny\n1\n");
        assertThat(fx.dir().resolve("host/f")).hasContent("y");
        assertThat(containers.inspect(id).orElseThrow().ports()).singleElement().satisfies(p -> {
            assertThat(p.containerPort()).isEqualTo(8080);
            assertThat(p.hostIp()).isEqualTo("127.0.0.1");
            assertThat(p.hostPort()).isPresent();
        });

        ObservedState observed = backend.observe(fx.prefix);
        ObservedContainer seen = observed.containersOf(fx.prefix).getFirst();
        assertThat(seen.id()).isEqualTo(id);
        assertThat(seen.number()).hasValue(1);
        assertThat(seen.volumes()).contains(volume).hasSize(2);
        assertThat(seen.networks()).containsOnlyKeys("bridge");
        assertThat(seen.label("jct.test")).contains("yes");
        assertThat(observed.volumes()).anyMatch(v -> v.name().equals(volume) && v.belongsTo(fx.prefix));
        assertThat(observed.image(BUSYBOX)).isPresent();
        assertThat(backend.projects(false)).anyMatch(p -> p.name().equals(fx.prefix)
                && p.states().equals(List.of("running"))
                && p.configFiles().equals(List.of(fx.dir().resolve("compose.yaml").toString())));
        assertThat(fx.awaitHealthy(id)).isEqualTo(Health.HEALTHY);
        assertThat(backend.observe(fx.prefix).containersOf(fx.prefix).getFirst().health()).isEqualTo(Health.HEALTHY);
        assertThatThrownBy(() -> backend.volumes().remove(volume)).isInstanceOf(ConflictException.class);

        containers.stop(id, Duration.ofSeconds(1));
        assertThat(backend.projects(false)).noneMatch(p -> p.name().equals(fx.prefix));
        assertThat(backend.projects(true)).anyMatch(p -> p.name().equals(fx.prefix));
        containers.remove(id, false, true);
        backend.volumes().remove(volume);
        backend.volumes().remove(volume); // gone: a success
    }

    @Test
    void errors_missingImageNameConflictUnreachableDaemon() {
        Project missing = fx.project("services: {app: {image: jcompose-fixtures/" + fx.prefix + ":nope,"
                + " network_mode: bridge}}\n");
        assertThatThrownBy(() -> fx.create(missing, "app")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("jcompose-fixtures/" + fx.prefix + ":nope");

        ContainerSpec spec = fx.spec(fx.sleeper(), "app");
        fx.create(spec);
        assertThatThrownBy(() -> fx.create(spec)).isInstanceOf(ConflictException.class)
                .hasMessageContaining(spec.name());

        assertThatThrownBy(() -> DockerBackend.connect(Map.of("DOCKER_HOST", "unix:///tmp/" + fx.prefix + ".sock")))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("unix:///tmp/" + fx.prefix + ".sock").hasMessageContaining("DOCKER_HOST")
                .hasMessageContaining("dockerd").hasMessageNotContaining("\n");
    }

    @Test
    void images_buildInspectRemove() {
        // the Dockerfile's checks fail the build unless the context arrives filtered by its .dockerignore
        Path context = Path.of("src/test/resources/docker/build");
        String tag = fx.prefix + "-img:1";
        List<String> progress = new ArrayList<>();
        fx.build(new BuildSpec(context, "Dockerfile", Optional.empty(), List.of(tag), Map.of("GREETING", "hi"),
                Optional.of("base"), Map.of("jct.build", "yes"), true, false, Optional.empty(), List.of(),
                Optional.empty()), progress::add);
        assertThat(progress).anyMatch(l -> l.startsWith("Step 1/"));
        ImageInfo image = backend.images().inspect(tag).orElseThrow();
        assertThat(image.tags()).contains(tag);
        assertThat(image.labels()).containsEntry("jct.build", "yes");
        assertThat(backend.images().inspect(fx.prefix + "-img:missing")).isEmpty();

        String user = fx.create(fx.spec(fx.project("services: {app: {image: " + tag + ", network_mode: none}}\n"),
                "app"));
        assertThatThrownBy(() -> backend.images().remove(tag, false)).isInstanceOf(ConflictException.class);
        containers.remove(user, true, false);
        backend.images().remove(tag, false);
        backend.images().remove(tag, false); // gone: a success
        assertThat(backend.images().inspect(tag)).isEmpty();
    }

    @Test
    void images_buildFailureNamesStepAndOutputTail() {
        String tag = fx.prefix + "-broken:1";
        assertThatThrownBy(() -> fx.build(new BuildSpec(fx.dir(), "Dockerfile", Optional.of("""
                FROM %s
                RUN echo building; echo boom >&2; exit 3
                """.formatted(BUSYBOX)), List.of(tag), Map.of(), Optional.empty(), Map.of(), false, false,
                Optional.empty(), List.of(), Optional.empty()), line -> { })).isInstanceOf(BuildFailedException.class)
                .hasMessageStartingWith("build of " + tag + " failed at step 2/2 (RUN echo building; echo boom >&2;"
                        + " exit 3): ")
                .hasMessageContaining("returned a non-zero code: 3").hasMessageContaining("\n  building")
                .hasMessageContaining("\n  boom");
    }

    @Test
    void images_pullFromAnUnreachableRegistryNamesTheImage() {
        String image = "localhost:1/" + fx.prefix + ":1";
        assertThatThrownBy(() -> backend.images().pull(image, line -> { }))
                .isInstanceOf(RuntimeFailureException.class).hasMessageContaining(image);
    }
}

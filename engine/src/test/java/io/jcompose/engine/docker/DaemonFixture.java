package io.jcompose.engine.docker;

import static org.assertj.core.api.Assertions.fail;

import io.jcompose.engine.spec.ContainerSpecs;
import io.jcompose.engine.spec.NetworkSpecs;
import io.jcompose.engine.spec.VolumeSpecs;
import io.jcompose.engine.spi.ContainerSpec;
import io.jcompose.engine.spi.ImageOps.BuildSpec;
import io.jcompose.engine.spi.NetworkOps.NetworkSpec;
import io.jcompose.engine.spi.VolumeOps.VolumeSpec;
import io.jcompose.model.Network;
import io.jcompose.engine.spi.StdStreams;
import io.jcompose.model.Project;
import io.jcompose.model.Volume;
import io.jcompose.model.load.LoadOptions;
import io.jcompose.model.load.ProjectLoader;
import io.jcompose.planner.observed.Health;
import io.jcompose.planner.observed.ObservedContainer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * What a daemon test makes, under a prefix of its own ({@code jct-<random>}) that is also its project name, so it can
 * all be removed afterwards, whatever the test did before failing.
 */
final class DaemonFixture {

    static final String BUSYBOX = "jcompose-fixtures/busybox:latest";

    final DockerBackend backend;
    final String prefix = "jct-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private final Path dir;
    private final List<String> containers = new ArrayList<>();
    private final List<String> networks = new ArrayList<>();
    private final List<String> volumes = new ArrayList<>();
    private final List<String> images = new ArrayList<>();

    DaemonFixture(DockerBackend backend, Path dir) {
        this.backend = backend;
        this.dir = dir;
    }

    /** The daemon CI starts before the tests; failing here with the fix beats a dozen connection errors. */
    static DockerBackend connect() {
        String host = System.getenv().getOrDefault("DOCKER_HOST", DockerBackend.DEFAULT_HOST);
        try {
            DockerBackend backend = DockerBackend.connect(System.getenv());
            if (backend.images().inspect(BUSYBOX).isEmpty()) {
                backend.close();
                fail(BUSYBOX + " is not on the daemon at " + host + ": run scripts/fixture-images.sh");
            }
            return backend;
        } catch (RuntimeException e) {
            return fail("these tests need a Docker daemon at " + host + " (start it with scripts/start-dockerd.sh): "
                    + e.getMessage(), e);
        }
    }

    /** A project named after the prefix, from compose text written to the test's directory. */
    Project project(String composeYaml) {
        try {
            Files.writeString(dir.resolve("compose.yaml"), composeYaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ProjectLoader.load(LoadOptions.in(dir).withFiles(List.of("compose.yaml"))
                .withEnvironment(Map.of()).withProjectName(prefix));
    }

    /**
     * A service {@code app} that prints a line to each stream, then sleeps; {@code init} makes it stop fast. It uses
     * the daemon's default bridge unless it names networks, since each network costs a test a second or two.
     */
    Project sleeper(String serviceYaml, String topLevelYaml) {
        String service = serviceYaml.contains("networks:") ? serviceYaml : serviceYaml + "network_mode: bridge\n";
        return project("""
                services:
                  app:
                    image: %s
                    init: true
                    command: ["sh", "-c", "echo out; echo err >&2; exec sleep 60"]
                    stop_grace_period: 1s
                %s%s""".formatted(BUSYBOX, service.stripIndent().indent(4), topLevelYaml));
    }

    Project sleeper() {
        return sleeper("", "");
    }

    static StdStreams streams(OutputStream out, OutputStream err) {
        return new StdStreams(Optional.empty(), out, err);
    }

    /** Polls until the container is healthy or 10 s passed, and says what it last saw. */
    Health awaitHealthy(String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        Health health = backend.containers().inspect(id).orElseThrow().health();
        while (health != Health.HEALTHY && System.nanoTime() < deadline) {
            Thread.sleep(100);
            health = backend.containers().inspect(id).orElseThrow().health();
        }
        return health;
    }

    Path dir() {
        return dir;
    }

    ContainerSpec spec(Project project, String service) {
        return ContainerSpecs.of(project, "test").spec(project.service(service).orElseThrow(),
                prefix + "-" + service + "-1", OptionalInt.of(1), Map.of());
    }

    /** Creates the project's networks and volumes, then the container of {@code service}. */
    String create(Project project, String service) {
        for (Network network : project.networks().values()) {
            NetworkSpec spec = NetworkSpecs.of(project.name(), network, "test");
            networks.add(spec.name());
            backend.networks().create(spec);
        }
        for (Volume volume : project.volumes().values()) {
            VolumeSpec spec = VolumeSpecs.of(project.name(), volume, "test");
            volumes.add(spec.name());
            backend.volumes().create(spec);
        }
        return create(spec(project, service));
    }

    String create(ContainerSpec spec) {
        containers.add(spec.name());
        return backend.containers().create(spec);
    }

    void build(BuildSpec spec, Consumer<String> progress) {
        images.addAll(spec.tags());
        backend.images().build(spec, progress);
    }

    /** Removes everything made, each step on its own so one failure does not leave the rest behind. */
    void cleanUp() {
        List<String> leftovers = new ArrayList<>(containers);
        try {
            backend.observe(prefix).containersOf(prefix).stream().map(ObservedContainer::id).forEach(leftovers::add);
        } catch (RuntimeException e) {
            // removing what is known still helps
        }
        leftovers.forEach(c -> quietly(() -> backend.containers().remove(c, true, true)));
        networks.forEach(n -> quietly(() -> backend.networks().remove(n)));
        volumes.forEach(v -> quietly(() -> backend.volumes().remove(v)));
        images.forEach(i -> quietly(() -> backend.images().remove(i, true)));
    }

    private static void quietly(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            System.err.println("clean-up: " + e.getMessage());
        }
    }
}

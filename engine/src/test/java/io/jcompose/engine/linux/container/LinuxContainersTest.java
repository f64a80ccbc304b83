package io.jcompose.engine.linux.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.engine.linux.LinuxBackend;
import io.jcompose.engine.linux.LinuxHost;
import io.jcompose.engine.linux.TestHosts;
import io.jcompose.engine.linux.runtime.RuntimeProbe;
import io.jcompose.engine.linux.store.StoreLayout;
import io.jcompose.engine.spi.ConflictException;
import io.jcompose.engine.spi.ContainerInfo;
import io.jcompose.engine.spi.ContainerOps;
import io.jcompose.engine.spi.ContainerSpec;
import io.jcompose.engine.spi.ExecSpec;
import io.jcompose.engine.spi.StdStreams;
import io.jcompose.planner.observed.ContainerState;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/** Real containers on the built-in runtime (root, runc or crun): lifecycle, logs, exec, volumes, files. */
@EnabledIf("io.jcompose.engine.linux.TestHosts#canRunContainers")
class LinuxContainersTest {

    @TempDir
    Path tmp;

    LinuxBackend backend;
    ContainerOps containers;
    final List<String> created = new ArrayList<>();

    @BeforeEach
    void open() throws Exception {
        StoreLayout layout = new StoreLayout(tmp.resolve("root"), tmp.resolve("run"));
        backend = LinuxHost.open(layout, RuntimeProbe.choose(layout, System.getenv()),
                (n, p) -> {
                    throw new IllegalStateException();
                }, (i, n, p) -> {
                    throw new IllegalStateException();
                });
        TestHosts.addBusybox(backend.imageStore(), "busybox:test", Map.of());
        containers = backend.containers();
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (String id : created) {
            containers.remove(id, true, true);
        }
        assertThat(TestHosts.mountsUnder(tmp)).isEmpty();
    }

    private String create(String name, List<String> command, List<ContainerSpec.MountSpec> mounts) {
        String id = containers.create(TestHosts.spec(name + "-" + tmp.getFileName().toString().hashCode(),
                "busybox:test", command, Map.of(), mounts, ContainerSpec.RestartPolicy.NO, Optional.empty()));
        created.add(id);
        return id;
    }

    @Test
    void runsToItsEnd_keepsExitCodeAndLogs() {
        String id = create("exit", List.of("sh", "-c", "echo hello; echo oops >&2; exit 3"), List.of());
        assertThat(containers.inspect(id).orElseThrow().state()).isEqualTo(ContainerState.CREATED);

        containers.start(id);
        assertThat(containers.waitForExit(id)).isEqualTo(3);

        ContainerInfo info = containers.inspect(id).orElseThrow();
        assertThat(info.state()).isEqualTo(ContainerState.EXITED);
        assertThat(info.exitCode()).isEqualTo(3);
        List<String> lines = new ArrayList<>();
        containers.logs(id, new ContainerOps.LogOptions(false, false, Optional.empty(), Optional.empty(),
                Optional.empty()), (text, stderr) -> lines.add((stderr ? "err:" : "out:") + text));
        assertThat(lines).containsExactlyInAnyOrder("out:hello", "err:oops");
    }

    @Test
    void aContainerWithATerminalLogsWhatItPrintsThere() {
        ContainerSpec plain = TestHosts.spec("tty-" + tmp.getFileName().toString().hashCode(), "busybox:test",
                List.of("sh", "-c", "tty; echo on-terminal >&2; exit 4"), Map.of(), List.of(),
                ContainerSpec.RestartPolicy.NO, Optional.empty());
        ContainerSpec p = plain;
        ContainerSpec withTty = new ContainerSpec(p.name(), p.image(), p.entrypoint(), p.command(), p.environment(),
                p.labels(), p.hostname(), p.domainname(), p.user(), p.workingDir(), true, p.stdinOpen(),
                p.privileged(), p.init(), p.readOnly(), p.capAdd(), p.capDrop(), p.stopSignal(), p.stopTimeout(),
                p.restart(), p.healthcheck(), p.ports(), p.expose(), p.mounts(), p.networkMode(), p.networks(),
                p.extraHosts(), p.dns(), p.dnsSearch(), p.dnsOptions(), p.ipc(), p.pid(), p.volumesFrom(), p.links(),
                p.resources(), p.sysctls(), p.securityOpt(), p.tmpfs(), p.groupAdd(), p.platform(), p.logging(),
                p.devices(), p.ulimits());
        String id = containers.create(withTty);
        created.add(id);

        containers.start(id);
        assertThat(containers.waitForExit(id)).isEqualTo(4);
        List<String> lines = new ArrayList<>();
        containers.logs(id, new ContainerOps.LogOptions(false, false, Optional.empty(), Optional.empty(),
                Optional.empty()), (text, stderr) -> lines.add((stderr ? "err:" : "out:") + text.strip()));
        // a terminal has one stream: what went to stderr is logged as output, as Docker does
        assertThat(lines).containsExactly("out:/dev/pts/0", "out:on-terminal");
        assertThat(tmp.resolve("run/s/" + id.substring(0, 12))).as("the monitor removed its console socket")
                .isEmptyDirectory();
        containers.remove(id, false, false);
        assertThat(tmp.resolve("run/s")).as("and the removal its directory").isEmptyDirectory();
    }

    @Test
    void execStopAndRemove() throws Exception {
        String id = create("sleeper", List.of("sleep", "1000"), List.of());
        containers.start(id);
        assertThat(containers.inspect(id).orElseThrow().state()).isEqualTo(ContainerState.RUNNING);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = containers.exec(id, new ExecSpec(List.of("sh", "-c", "echo in-container; exit 5"), Map.of(),
                Optional.empty(), Optional.empty(), false, false, false), new StdStreams(Optional.empty(), out, out));
        assertThat(code).isEqualTo(5);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("in-container\n");
        assertThat(containers.top(id).stream().map(row -> String.join(" ", row))).anyMatch(r -> r.contains("sleep"));
        assertThatThrownBy(() -> containers.remove(id, false, false)).isInstanceOf(ConflictException.class)
                .hasMessageContaining("container is running");

        // sleep as PID 1 ignores TERM: the grace period ends with KILL
        containers.stop(id, Duration.ofMillis(300));
        ContainerInfo info = containers.inspect(id).orElseThrow();
        assertThat(info.state()).isEqualTo(ContainerState.EXITED);
        assertThat(info.exitCode()).isEqualTo(137);
        assertThat(TestHosts.mountsUnder(tmp)).isEmpty();

        containers.remove(id, false, false);
        assertThat(containers.inspect(id)).isEmpty();
        assertThat(tmp.resolve("root/containers/" + id)).doesNotExist();
    }

    @Test
    void namedVolumeOutlivesItsContainer() throws Exception {
        String first = create("writer", List.of("sh", "-c", "echo kept > /data/file"),
                List.of(TestHosts.volume("vol1", "/data")));
        containers.start(first);
        assertThat(containers.waitForExit(first)).isZero();
        containers.remove(first, false, true);
        created.remove(first);

        assertThat(Files.readString(backend.volumeStore().dataDir("vol1").resolve("file"))).isEqualTo("kept\n");
        assertThatThrownBy(() -> {
            String reader = create("reader", List.of("cat", "/data/file"), List.of(TestHosts.volume("vol1",
                    "/data")));
            backend.volumes().remove("vol1");
            created.add(reader);
        }).isInstanceOf(ConflictException.class).hasMessageContaining("volume is in use");
    }

    @Test
    void pauseAndUnpause() {
        String id = create("pausable", List.of("sleep", "1000"), List.of());
        containers.start(id);
        containers.pause(id);
        assertThat(containers.inspect(id).orElseThrow().state()).isEqualTo(ContainerState.PAUSED);
        containers.unpause(id);
        assertThat(containers.inspect(id).orElseThrow().state()).isEqualTo(ContainerState.RUNNING);
    }

    @Test
    void copiesFilesInAndOut() throws Exception {
        String id = create("files", List.of("sleep", "1000"), List.of());
        containers.start(id);
        var tar = new ByteArrayOutputStream();
        Path src = Files.createDirectories(tmp.resolve("src"));
        Files.writeString(src.resolve("note.txt"), "from host");
        io.jcompose.engine.copy.TarPacker.write(src.resolve("note.txt"), "note.txt", tar);
        containers.copyTo(id, "/tmp", new java.io.ByteArrayInputStream(tar.toByteArray()), false);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        containers.exec(id, new ExecSpec(List.of("cat", "/tmp/note.txt"), Map.of(), Optional.empty(),
                Optional.empty(), false, false, false), new StdStreams(Optional.empty(), out, out));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("from host");
        assertThat(containers.stat(id, "/tmp/note.txt")).get().extracting(ContainerOps.PathStat::size)
                .isEqualTo(9L);
        try (var in = containers.copyFrom(id, "/tmp/note.txt")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1)).contains("from host");
        }
    }
}

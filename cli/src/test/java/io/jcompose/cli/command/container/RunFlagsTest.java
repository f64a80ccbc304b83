package io.jcompose.cli.command.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.cli.Console;
import io.jcompose.cli.JcomposeCommand;
import io.jcompose.cli.UsageException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import io.jcompose.engine.spi.ContainerSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** docker run's flags, parsed as {@code container run} parses them, and the spec they make. */
class RunFlagsTest {

    @TempDir
    Path dir;

    /** Parsed by the whole command line, whose settings reach the subcommands. */
    private ContainerRunCommand parse(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("container", "run"));
        all.addAll(List.of(args));
        Console console = new Console(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                InputStream.nullInputStream(), Map.of(), dir, false);
        CommandLine.ParseResult result = JcomposeCommand.commandLine(console, all.toArray(String[]::new))
                .parseArgs(all.toArray(String[]::new));
        return (ContainerRunCommand) result.subcommand().subcommand().commandSpec().userObject();
    }

    private ContainerSpec spec(String... args) {
        ContainerRunCommand c = parse(args);
        return c.flags.spec("n1", c.image, c.command, List.of("8080/tcp"), List.of(), Map.of("FROM_HOST", "h"), dir);
    }

    @Test
    void everythingAfterTheImage_belongsToTheCommand() {
        ContainerRunCommand c = parse("-d", "--name", "web", "busybox", "ls", "-la", "--name", "x");
        assertThat(c.detach).isTrue();
        assertThat(c.image).isEqualTo("busybox");
        assertThat(c.command).containsExactly("ls", "-la", "--name", "x");
        assertThat(c.flags.name).isEqualTo("web");
    }

    @Test
    void clusteredInteractiveTty() {
        ContainerSpec s = spec("-it", "busybox", "sh");
        assertThat(s.tty()).isTrue();
        assertThat(s.stdinOpen()).isTrue();
        assertThat(s.command()).contains(List.of("sh"));
        assertThat(s.entrypoint()).isEmpty();
    }

    @Test
    void defaults_areDockersBridge_noLabels_noRestart() {
        ContainerSpec s = spec("busybox");
        assertThat(s.networks()).containsOnlyKeys("bridge");
        assertThat(s.networks().get("bridge").aliases()).isEmpty();
        assertThat(s.labels()).isEmpty();
        assertThat(s.restart()).isEqualTo(ContainerSpec.RestartPolicy.NO);
        assertThat(s.command()).isEmpty();
        assertThat(s.ports()).isEmpty();
    }

    @Test
    void userNetwork_keepsAliases_networkModeHasNoNetworks() {
        assertThat(spec("--network", "mynet", "--network-alias", "db", "busybox").networks().get("mynet")
                .aliases()).containsExactly("db");
        ContainerSpec host = spec("--network", "host", "busybox");
        assertThat(host.networkMode()).contains("host");
        assertThat(host.networks()).isEmpty();
        assertThatThrownBy(() -> spec("--network", "none", "-p", "80:80", "busybox"))
                .isInstanceOf(UsageException.class);
    }

    @Test
    void environment_flagsOverFiles_bareKeyFromOwnEnvironment() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("app.env"), "# comment\nA=file\nB=file with spaces\n");
        ContainerRunCommand c = parse("-e", "A=flag", "-e", "FROM_HOST", "-e", "MISSING", "busybox");
        ContainerSpec s = c.flags.spec("n", c.image, c.command, List.of(), List.of("app.env"),
                Map.of("FROM_HOST", "h"), dir);
        assertThat(s.environment()).containsExactly(Map.entry("A", "flag"), Map.entry("B", "file with spaces"),
                Map.entry("FROM_HOST", "h"));
    }

    @Test
    void mounts_volumeBindAnonymousTmpfs() {
        ContainerSpec s = spec("-v", "data:/data", "-v", "./src:/src:ro", "-v", "/cache",
                "--mount", "type=tmpfs,target=/run,tmpfs-size=64m",
                "--mount", "type=bind,source=/etc,target=/host-etc,readonly", "busybox");
        List<ContainerSpec.MountSpec> m = s.mounts();
        assertThat(m.get(0).type()).isEqualTo("volume");
        assertThat(m.get(0).source()).contains("data");
        assertThat(m.get(1).type()).isEqualTo("bind");
        assertThat(m.get(1).source()).contains(dir.resolve("src").toString());
        assertThat(m.get(1).readOnly()).isTrue();
        assertThat(m.get(1).createHostPath()).isTrue();
        assertThat(m.get(2).source()).isEmpty();
        assertThat(m.get(3).tmpfsSize()).contains(64L << 20);
        assertThat(m.get(4).createHostPath()).isFalse();
        assertThat(m.get(4).readOnly()).isTrue();
        assertThatThrownBy(() -> spec("-v", "data:relative", "busybox")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> spec("--mount", "type=nfs,target=/x", "busybox"))
                .isInstanceOf(UsageException.class);
    }

    @Test
    void ports_docker_forms() {
        ContainerSpec s = spec("-p", "8080:80", "-p", "127.0.0.1:5353:53/udp", "-p", "9000", "-p",
                "7000-7001:7000-7001", "busybox");
        assertThat(s.ports()).containsExactly(
                new ContainerSpec.PortSpec(80, "tcp", Optional.empty(), Optional.of("8080")),
                new ContainerSpec.PortSpec(53, "udp", Optional.of("127.0.0.1"), Optional.of("5353")),
                new ContainerSpec.PortSpec(9000, "tcp", Optional.empty(), Optional.empty()),
                new ContainerSpec.PortSpec(7000, "tcp", Optional.empty(), Optional.of("7000")),
                new ContainerSpec.PortSpec(7001, "tcp", Optional.empty(), Optional.of("7001")));
        assertThatThrownBy(() -> spec("-p", "80:x", "busybox")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> spec("-p", "1-3:4-5", "busybox")).isInstanceOf(UsageException.class);
    }

    @Test
    void publishAll_publishesTheImagesAndExposedPorts() {
        ContainerSpec s = spec("-P", "--expose", "9090", "-p", "1234:8080", "busybox");
        assertThat(s.ports()).containsExactly(
                new ContainerSpec.PortSpec(8080, "tcp", Optional.empty(), Optional.of("1234")),
                new ContainerSpec.PortSpec(9090, "tcp", Optional.empty(), Optional.empty()));
    }

    @Test
    void restartHealthAndResources() {
        ContainerSpec s = spec("--restart", "on-failure:3", "--health-cmd", "wget -q localhost",
                "--health-interval", "5s", "--health-retries", "2", "-m", "64m", "--cpus", "0.5",
                "--entrypoint", "/bin/sh", "-w", "/tmp", "-u", "1000:1000", "busybox", "-c", "true");
        assertThat(s.restart()).isEqualTo(new ContainerSpec.RestartPolicy("on-failure", 3));
        assertThat(s.healthcheck().orElseThrow().test()).containsExactly("CMD-SHELL", "wget -q localhost");
        assertThat(s.healthcheck().orElseThrow().interval()).contains(Duration.ofSeconds(5));
        assertThat(s.healthcheck().orElseThrow().retries()).contains(2);
        assertThat(s.resources().memory()).contains(64L << 20);
        assertThat(s.resources().cpus()).contains(0.5);
        assertThat(s.entrypoint()).contains(List.of("/bin/sh"));
        assertThat(s.command()).contains(List.of("-c", "true"));
        assertThat(s.workingDir()).contains("/tmp");
        assertThat(s.user()).contains("1000:1000");
        assertThat(spec("--no-healthcheck", "busybox").healthcheck().orElseThrow().test()).containsExactly("NONE");
        assertThatThrownBy(() -> spec("--restart", "sometimes", "busybox")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> spec("--restart", "always:2", "busybox")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> spec("-m", "1k", "busybox")).isInstanceOf(UsageException.class);
        assertThatThrownBy(() -> spec("--health-interval", "soon", "busybox")).isInstanceOf(UsageException.class);
    }

    @Test
    void randomNames_lookLikeDockers() {
        for (int i = 0; i < 20; i++) {
            assertThat(ContainerNames.random()).matches("[a-z]+_[a-z]+");
        }
    }

    @Test
    void sizes_readAndShownAsDocker() {
        assertThat(Sizes.bytes("512m")).isEqualTo(512L << 20);
        assertThat(Sizes.bytes("1g")).isEqualTo(1L << 30);
        assertThat(Sizes.bytes("100")).isEqualTo(100);
        assertThat(Sizes.bytes("1.5kb")).isEqualTo(1536);
        assertThat(Sizes.binary(1536)).isEqualTo("1.5KiB");
        assertThat(Sizes.binary(64L << 20)).isEqualTo("64MiB");
        assertThat(Sizes.decimal(1234)).isEqualTo("1.23kB");
        assertThat(Sizes.decimal(0)).isEqualTo("0B");
        assertThatThrownBy(() -> Sizes.bytes("lots")).isInstanceOf(UsageException.class);
    }
}

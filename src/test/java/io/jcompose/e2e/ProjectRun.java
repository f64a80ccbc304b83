package io.jcompose.e2e;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;
import io.jcompose.cli.Jcompose;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One project under test: a directory of compose files, a unique project name, jcompose run in-process against
 * the real daemon, and a docker-java client that looks at the daemon from outside. {@link #close} removes every
 * container, network and volume labelled with the project, whatever happened.
 */
final class ProjectRun implements AutoCloseable {

    static final String PROJECT_LABEL = "com.docker.compose.project";

    final Path dir;
    final String project = "jce2e-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    final DockerClient docker;

    /** What one jcompose run printed and returned. */
    record Result(int code, String out, String err) {
    }

    ProjectRun(Path dir) {
        this.dir = dir;
        var config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        this.docker = DockerClientImpl.getInstance(config, new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost()).build());
    }

    ProjectRun write(String name, String text) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, text);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Result jcompose(String... args) {
        return jcomposeWithInput(new byte[0], args);
    }

    /** jcompose with {@code stdin} as its standard input. */
    Result jcomposeWithInput(byte[] stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = run(new ByteArrayInputStream(stdin), out, err, args);
        return new Result(code, out.toString(), err.toString());
    }

    private int run(ByteArrayInputStream in, StringWriter out, StringWriter err, String... args) {
        List<String> all = new ArrayList<>(List.of("-p", project, "--progress", "plain"));
        all.addAll(List.of(args));
        return Jcompose.run(new PrintWriter(out), new PrintWriter(err), in,
                Map.of("HOME", System.getProperty("user.home"), "PATH", System.getenv().getOrDefault("PATH", ""),
                        "JCOMPOSE_BACKEND", "docker"),
                dir, all.toArray(String[]::new));
    }

    /** A command that runs until stopped ({@code events}, {@code logs -f}), read while it runs. */
    final class Background {
        private final StringWriter out = new StringWriter();
        private final StringWriter err = new StringWriter();
        private final Thread thread;
        private volatile int code = -1;

        private Background(String... args) {
            thread = Thread.ofVirtual().start(() -> code = run(new ByteArrayInputStream(new byte[0]), out, err, args));
        }

        /** What it printed so far (StringWriter is synchronized, so this may be read while it writes). */
        String out() {
            return out.toString();
        }

        String err() {
            return err.toString();
        }

        /** Interrupts it, as Ctrl-C would, and returns its exit code; -1 if it did not end within 10 seconds. */
        int stop() throws InterruptedException {
            thread.interrupt();
            thread.join(Duration.ofSeconds(10));
            return thread.isAlive() ? -1 : code;
        }
    }

    Background background(String... args) {
        return new Background(args);
    }

    List<Container> containers() {
        return docker.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(PROJECT_LABEL, project)).exec();
    }

    long networks() {
        return docker.listNetworksCmd().exec().stream()
                .filter(n -> n.getLabels() != null && project.equals(n.getLabels().get(PROJECT_LABEL))).count();
    }

    long volumes() {
        var volumes = docker.listVolumesCmd().exec().getVolumes();
        return volumes == null ? 0 : volumes.stream()
                .filter(v -> v.getLabels() != null && project.equals(v.getLabels().get(PROJECT_LABEL))).count();
    }

    /** GET http://127.0.0.1:port/, retried while the server starts. */
    static String get(int port, Duration patience) throws InterruptedException {
        return get(port, "127.0.0.1", patience);
    }

    /** GET http://host:port/, retried while the server starts. */
    static String get(int port, String host, Duration patience) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + patience.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            try {
                URI uri = URI.create("http://" + host + ":" + port + "/");
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri)
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return r.body();
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("nothing answered on " + host + ":" + port + " within " + patience, last);
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            jcompose("down", "-v", "--remove-orphans", "-t", "1");
        } finally {
            for (Container c : containers()) {
                docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec();
            }
            docker.listNetworksCmd().exec().stream()
                    .filter(n -> n.getLabels() != null && project.equals(n.getLabels().get(PROJECT_LABEL)))
                    .forEach(n -> docker.removeNetworkCmd(n.getId()).exec());
            var volumes = docker.listVolumesCmd().exec().getVolumes();
            if (volumes != null) {
                volumes.stream().filter(v -> v.getLabels() != null && project.equals(v.getLabels().get(PROJECT_LABEL)))
                        .forEach(v -> docker.removeVolumeCmd(v.getName()).exec());
            }
            docker.listImagesCmd().exec().stream()
                    .filter(i -> i.getRepoTags() != null)
                    .filter(i -> List.of(i.getRepoTags()).stream().anyMatch(t -> t.startsWith(project + "-")))
                    .forEach(i -> docker.removeImageCmd(i.getId()).withForce(true).exec());
        }
    }
}

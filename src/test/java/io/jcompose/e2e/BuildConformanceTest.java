package io.jcompose.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jcompose.engine.linux.build.RootfsView;
import io.jcompose.engine.linux.image.ImageStore;
import io.jcompose.engine.linux.image.StoredImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in builder against {@code docker build} with BuildKit: the same Dockerfiles and contexts built by both,
 * then the images' file trees (paths, types, modes, owners, link targets, content hashes; no timestamps) and configs
 * compared. Docker's side is read from {@code docker save}, its layers flattened with their whiteouts, so that
 * nothing a container adds at run time (/etc/hosts, /.dockerenv) is in it; ours from the layers mounted as a build's
 * COPY reads them. Runs where the built-in runtime can run and a Docker daemon with BuildKit answers: Debian's
 * dockerd 20.10 has BuildKit built in, reached by its own client with {@code DOCKER_BUILDKIT=1}; a newer client
 * without the buildx plugin falls back to the legacy builder, which is not the reference here (the builder follows
 * BuildKit: {@code --chmod}, history texts, no intermediate containers).
 *
 * <p>Deliberate differences, not compared:
 * <ul>
 *   <li>a {@code WORKDIR} that exists already: BuildKit adds an empty layer for it, we add none (the history entry is
 *   {@code empty_layer}); the file trees are the same;</li>
 *   <li>{@code created_by} of metadata steps (BuildKit prints Go values such as {@code EXPOSE map[80/tcp:{}]} and
 *   {@code COPY} with the destination as written; we print the resolved instruction); RUN's is compared;</li>
 *   <li>{@code ArgsEscaped}, a Windows field that BuildKit sets on Linux too;</li>
 *   <li>device nodes in base images (the Python fixture's /dev/null…): the built-in store keeps none.</li>
 * </ul>
 */
@EnabledIf("io.jcompose.e2e.BuildConformanceTest#canRun")
class BuildConformanceTest extends OnBuiltInRuntime {

    private static final List<String> CONFIG_FIELDS = List.of("Env", "Cmd", "Entrypoint", "WorkingDir", "User",
            "ExposedPorts", "Volumes", "Labels", "Healthcheck", "StopSignal", "Shell", "OnBuild");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final String tag = "jcconf-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private final ImageStore store = new ImageStore(LinuxProjectRun.LAYOUT);

    /** The Docker client that builds with BuildKit, if any. */
    private static Optional<String> dockerClient;

    static boolean canRun() {
        return OnBuiltInRuntime.canRun() && buildKitClient().isPresent();
    }

    private static synchronized Optional<String> buildKitClient() {
        if (dockerClient == null) {
            dockerClient = Optional.empty();
            for (String client : List.of("docker", "/usr/bin/docker")) {
                // a client with buildx, or one older than 23 (BuildKit built in): both build with DOCKER_BUILDKIT=1
                Command version = command(List.of(client, "version", "--format",
                        "{{.Client.Version}} {{.Server.Version}}"));
                Command buildx = command(List.of(client, "buildx", "version"));
                if (version.code() == 0 && (buildx.code() == 0 || version.out().matches("(1\\d|2[0-2])\\..*\\s*"))) {
                    dockerClient = Optional.of(client);
                    break;
                }
            }
        }
        return dockerClient;
    }

    private record Command(int code, String out) {
    }

    private static Command command(List<String> argv) {
        try {
            ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
            builder.environment().put("DOCKER_BUILDKIT", "1");
            Process p = builder.start();
            byte[] out = p.getInputStream().readAllBytes();
            return p.waitFor(5, TimeUnit.MINUTES) ? new Command(p.exitValue(), new String(out, StandardCharsets.UTF_8))
                    : new Command(-1, "timed out");
        } catch (IOException e) {
            return new Command(-1, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Command(-1, "interrupted");
        }
    }

    @AfterEach
    void removeImages() {
        command(List.of(buildKitClient().orElseThrow(), "rmi", "-f", tag));
        try (LinuxProjectRun cleaner = new LinuxProjectRun(dir)) {
            cleaner.jcompose("image", "rm", "-f", tag);
        }
    }

    @Test
    void multiStageBusybox_metadata_copyChownChmod_addTar_whiteouts() throws Exception {
        write("a.txt", "hello\n");
        write("sub/b.txt", "b\n");
        write("sub/deeper/d.txt", "deep\n");
        Files.createSymbolicLink(dir.resolve("ctx/link.txt"), Path.of("a.txt"));
        write("tarsrc/t/one.txt", "t1\n");
        write("tarsrc/t/inner/two.txt", "t2\n");
        Files.createSymbolicLink(dir.resolve("ctx/tarsrc/t/l"), Path.of("one.txt"));
        assertThat(command(List.of("tar", "-C", dir.resolve("ctx/tarsrc").toString(), "-cf",
                dir.resolve("ctx/bundle.tar").toString(), "t")).code()).isZero();
        write(".dockerignore", "tarsrc\n");
        write("Dockerfile", """
                FROM jcompose-fixtures/busybox:latest AS base
                ARG VERSION=1.2
                ENV APP_HOME=/srv/app PATH=/srv/app/bin:$PATH
                LABEL org.example.version=$VERSION maintainer="someone"
                WORKDIR $APP_HOME
                COPY a.txt link.txt ./
                COPY sub/ ./sub/
                COPY --chown=1000:1000 sub/b.txt /owned/
                COPY --chown=nobody --chmod=640 a.txt /owned/a.txt
                ADD bundle.tar /opt/
                RUN echo 'app:x:1234:1234::/home/app:/bin/sh' >> /etc/passwd && echo 'app:x:1234:' >> /etc/group \\
                    && mkdir -p /home/app /var/data && echo x > /tmp/gone && ln -s /srv/app/a.txt /home/app/a \\
                    && chown -R 1234:1234 /home/app
                RUN rm /tmp/gone /bin/vi && rm -r /opt/t/inner
                FROM base AS build
                RUN mkdir /out && echo built > /out/result && chmod 600 /out/result
                FROM base
                COPY --from=build /out/result /srv/app/result
                COPY --from=build --chown=app:app /out /out
                EXPOSE 8080 9090/udp
                VOLUME /var/data
                USER app
                STOPSIGNAL SIGINT
                HEALTHCHECK --interval=5s --timeout=2s --retries=4 CMD wget -q -O- http://localhost:8080/ || exit 1
                ENTRYPOINT ["/bin/sh", "-c"]
                CMD ["echo hi"]
                """);
        assertSameImage();
    }

    @Test
    void pythonImage_dockerignore_argWithoutDefault_opaqueDirectory_existingWorkdir_shellEntrypoint()
            throws Exception {
        write("app/main.py", "print('hi')\n");
        write("app/pkg/__init__.py", "x\n");
        write("app/__pycache__/c.pyc", "junk\n");
        write("app/secret.env", "secret\n");
        Files.setPosixFilePermissions(dir.resolve("ctx/app/pkg"),
                java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        write(".dockerignore", "**/__pycache__\napp/*.env\n");
        write("Dockerfile", """
                FROM jcompose-fixtures/python-flask:bookworm
                ARG PORT
                ENV PORT=${PORT:-5000} MODE=${MODE:+set} NAME="a b"
                WORKDIR /tmp
                WORKDIR app
                COPY app/ .
                COPY --chmod=755 app/main.py /usr/local/bin/app-main
                RUN true
                RUN rm -rf /usr/share/doc && mkdir -p /usr/share/doc && echo fresh > /usr/share/doc/README \\
                    && python3 -c "open('/tmp/app/gen.txt','w').write('generated')"
                RUN useradd -u 2000 -m runner
                USER 2000:2000
                EXPOSE ${PORT}
                ENTRYPOINT python3 main.py
                """);
        assertSameImage();
    }

    @Test
    void scratchStage_copyFromAnImage_hardAndSoftLinks_setuid() throws Exception {
        write("tree/a/file.txt", "a\n");
        Files.createSymbolicLink(dir.resolve("ctx/tree/a/rel"), Path.of("file.txt"));
        Files.createSymbolicLink(dir.resolve("ctx/tree/abs"), Path.of("/tree/a/file.txt"));
        write("Dockerfile", """
                FROM jcompose-fixtures/busybox:latest AS tools
                RUN mkdir -p /data/sub && echo one > /data/one && ln /data/one /data/hard && ln -s one /data/soft \\
                    && chmod 4755 /data/one && chown 5:6 /data/sub
                FROM scratch
                COPY --from=tools /data /data
                COPY --from=jcompose-fixtures/busybox:latest /bin/busybox /bin/sh
                COPY tree/ /tree/
                ENV A=1
                CMD ["/bin/sh"]
                """);
        assertSameImage();
    }

    private void write(String name, String text) throws IOException {
        Path p = dir.resolve("ctx").resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    /** Builds {@code ctx} both ways and compares the file trees, the configs and the history. */
    private void assertSameImage() throws Exception {
        Path context = dir.resolve("ctx");
        Command docker = command(List.of(buildKitClient().orElseThrow(), "build", "-q", "-t", tag,
                context.toString()));
        assertThat(docker.code()).as(docker.out()).isZero();
        Path saved = dir.resolve("docker.tar");
        Command save = command(List.of(buildKitClient().orElseThrow(), "save", "-o", saved.toString(), tag));
        assertThat(save.code()).as(save.out()).isZero();

        LinuxProjectRun.Result ours;
        try (LinuxProjectRun run = new LinuxProjectRun(dir)) {
            // without the step cache: an image of an earlier version of the builder must not stand in for this one's
            ours = ok(run.jcompose("image", "build", "--no-cache", "-t", tag, context.toString()));
        }
        StoredImage built = store.find(tag).orElseThrow(() -> new AssertionError("no image " + tag));
        JsonNode ourConfig = JSON.readTree(store.readBlob(built.id()));

        FileTree theirs = new FileTree();
        JsonNode theirConfig;
        try (TarFile tar = new TarFile(saved.toFile())) {
            Map<String, TarArchiveEntry> byName = new TreeMap<>();
            tar.getEntries().forEach(e -> byName.put(e.getName(), e));
            JsonNode manifest = JSON.readTree(tar.getInputStream(byName.get("manifest.json"))).get(0);
            theirConfig = JSON.readTree(tar.getInputStream(byName.get(manifest.get("Config").asText())));
            for (JsonNode layer : manifest.get("Layers")) {
                try (InputStream in = tar.getInputStream(byName.get(layer.asText()))) {
                    theirs.apply(in);
                }
            }
        }
        FileTree ourTree;
        List<String> diffIds = new ArrayList<>();
        ourConfig.path("rootfs").path("diff_ids").forEach(d -> diffIds.add(d.asText()));
        try (RootfsView view = RootfsView.of(store, diffIds)) {
            ourTree = FileTree.walk(view.root());
        }

        String log = ours.out() + ours.err();
        assertThat(differences(theirs, ourTree)).as("file tree, docker vs jcompose (jcompose's build: %s)", log)
                .isEmpty();
        List<String> configs = new ArrayList<>();
        for (String field : CONFIG_FIELDS) {
            JsonNode mine = normalised(ourConfig.path("config").path(field));
            JsonNode reference = normalised(theirConfig.path("config").path(field));
            if (!mine.equals(reference)) {
                configs.add(field + ": " + reference + " | " + mine);
            }
        }
        assertThat(configs).as("config fields, docker | jcompose").isEmpty();
        assertThat(history(ourConfig)).as("history").isEqualTo(history(theirConfig));
    }

    /** One line per path whose entry differs: {@code path: docker's | ours}. */
    private static List<String> differences(FileTree docker, FileTree ours) {
        java.util.SortedSet<String> paths = new java.util.TreeSet<>(docker.entries().keySet());
        paths.addAll(ours.entries().keySet());
        List<String> out = new ArrayList<>();
        for (String path : paths) {
            String theirs = docker.entries().get(path);
            String mine = ours.entries().get(path);
            if (!java.util.Objects.equals(theirs, mine)) {
                out.add(path + ": " + theirs + " | " + mine);
            }
        }
        return out;
    }

    /** null, missing and empty are the same: Docker writes {@code "Cmd": null} where we leave it out. */
    private static JsonNode normalised(JsonNode node) {
        return node.isMissingNode() || node.isNull() || (node.isContainerNode() && node.isEmpty())
                || (node.isTextual() && node.asText().isEmpty()) ? JSON.nullNode() : node;
    }

    /** One line per history entry: its empty_layer flag (not for WORKDIR: see above) and a RUN's created_by. */
    private static List<String> history(JsonNode config) {
        List<String> out = new ArrayList<>();
        for (JsonNode h : config.path("history")) {
            String by = h.path("created_by").asText("");
            String keyword = by.isEmpty() ? "(base)" : by.split(" ", 2)[0];
            out.add(switch (keyword) {
                case "WORKDIR" -> "WORKDIR";
                case "RUN" -> by + " empty=" + h.path("empty_layer").asBoolean(false);
                default -> keyword + " empty=" + h.path("empty_layer").asBoolean(false);
            });
        }
        return out;
    }
}

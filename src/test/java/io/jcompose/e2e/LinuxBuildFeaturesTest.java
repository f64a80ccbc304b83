package io.jcompose.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.jcompose.engine.linux.build.BuildCache;
import io.jcompose.engine.linux.image.ImageConfig;
import io.jcompose.engine.linux.image.ImageStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * The Dockerfile instructions and build options beyond the course's basics, each built for real on the built-in
 * runtime: ADD of archives and URLs, RUN mounts, HEALTHCHECK, ONBUILD, targets, {@code --no-cache}, heredocs,
 * {@code .dockerignore} exceptions, and bad input.
 */
@EnabledIf("io.jcompose.e2e.OnBuiltInRuntime#canRun")
class LinuxBuildFeaturesTest extends OnBuiltInBuilder {

    LinuxBuildFeaturesTest() {
        super("jcbuildf-");
    }

    private static final String BUSYBOX = "jcompose-fixtures/busybox:latest";


    /** What the image's default command prints, run without a network. */
    private String output(LinuxProjectRun run, String image) {
        LinuxProjectRun.Result r = run.jcompose("container", "run", "--rm", "--network", "none", image);
        return r.out() + r.err();
    }

    private static void assertOneLineError(LinuxProjectRun.Result r, String... parts) {
        assertThat(r.code()).as(r.out() + r.err()).isNotZero();
        assertThat(r.err()).as(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(r.err().lines().filter(l -> Stream.of(parts).allMatch(l::contains)))
                .as("one line of %s naming %s", r.err(), List.of(parts)).isNotEmpty();
    }

    @Test
    void addUnpacksALocalTar_downloadsAUrl_checksIts_checksum() throws Exception {
        byte[] remote = "remote content\n".getBytes(StandardCharsets.UTF_8);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/files/remote.txt", exchange -> {
            exchange.sendResponseHeaders(200, remote.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(remote);
            }
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/files/";
        try (LinuxProjectRun run = new LinuxProjectRun(dir)) {
            writeTarGz(dir.resolve("ctx/bundle.tar.gz"), "bundle/a.txt", "from the archive\n");
            run.write("ctx/Dockerfile", """
                    FROM %s
                    ADD bundle.tar.gz /opt/
                    ADD %sremote.txt /downloads/
                    ADD --checksum=sha256:%s %sremote.txt /checked.txt
                    CMD ["sh", "-c", "cat /opt/bundle/a.txt /downloads/remote.txt /checked.txt; \\
                    ls /opt; stat -c %%a /downloads/remote.txt"]
                    """.formatted(BUSYBOX, base, sha256(remote), base));
            ok(run.jcompose("image", "build", "-t", tag + ":add", "ctx"));
            assertThat(output(run, tag + ":add")).isEqualTo(
                    "from the archive\nremote content\nremote content\nbundle\n600\n");

            run.write("wrong/Dockerfile", """
                    FROM %s
                    ADD --checksum=sha256:%s %sremote.txt /checked.txt
                    """.formatted(BUSYBOX, "0".repeat(64), base));
            LinuxProjectRun.Result wrong = run.jcompose("image", "build", "-t", tag + ":wrong", "wrong");
            assertOneLineError(wrong, "Dockerfile:2", "digest mismatch", sha256(remote));
            run.write("missing/Dockerfile", "FROM " + BUSYBOX + "\nADD " + base + "nothing.txt /\n");
            assertOneLineError(run.jcompose("image", "build", "-t", tag + ":404", "missing"), "Dockerfile:2",
                    "404", base + "nothing.txt");
            assertThat(store.find(tag + ":wrong")).isEmpty();
        } finally {
            server.stop(0);
        }
    }

    @Test
    void runMounts_theCacheOutlivesTheBuildOutsideTheImage_noCacheRunsEveryStepAgain() throws Exception {
        String cacheId = tag + "-cache";
        try (LinuxProjectRun run = new LinuxProjectRun(dir)) {
            run.write("compose.yaml", """
                    services:
                      app:
                        build: .
                        image: %s:mounts
                        network_mode: none
                    """.formatted(tag));
            run.write("no-cache.yaml", """
                    services:
                      app:
                        build:
                          context: .
                          no_cache: true
                        image: %s:mounts
                        network_mode: none
                    """.formatted(tag));
            run.write("input.txt", "bound input\n");
            run.write("Dockerfile", """
                    FROM %s
                    RUN --mount=type=cache,target=/var/cache/app,id=%s echo run >> /var/cache/app/runs \\
                        && wc -l < /var/cache/app/runs > /runs-seen
                    RUN --mount=type=bind,source=input.txt,target=/mnt/input.txt cp /mnt/input.txt /bound.txt
                    RUN --mount=type=tmpfs,target=/scratch echo gone > /scratch/tmpfs-file \\
                        && grep -q ' /scratch tmpfs ' /proc/mounts && echo tmpfs-seen > /tmpfs-seen
                    CMD ["sh", "-c", "cat /runs-seen /bound.txt /tmpfs-seen; ls -A /var/cache/app /scratch 2>&1"]
                    """.formatted(BUSYBOX, cacheId));
            try {
                ok(run.jcompose("build"));
                image(tag + ":mounts");
                String first = run.jcompose("run", "--rm", "app").out();
                assertThat(first).startsWith("1\nbound input\ntmpfs-seen\n").doesNotContain("runs")
                        .doesNotContain("tmpfs-file");

                LinuxProjectRun.Result cached = ok(run.jcompose("build"));
                assertThat(count(cached.out() + cached.err(), "CACHED")).isEqualTo(4);
                LinuxProjectRun.Result quiet = ok(run.jcompose("--progress", "quiet", "build"));
                assertThat(quiet.out() + quiet.err()).as("--progress quiet prints nothing").isEmpty();

                LinuxProjectRun.Result again = ok(run.jcompose("build", "--no-cache"));
                assertThat(again.out() + again.err()).doesNotContain("CACHED");
                image(tag + ":mounts");
                assertThat(run.jcompose("run", "--rm", "app").out()).startsWith("2\n");

                LinuxProjectRun.Result compose = ok(run.jcompose("-f", "no-cache.yaml", "build"));
                assertThat(compose.out() + compose.err()).doesNotContain("CACHED");
                assertThat(run.jcompose("run", "--rm", "app").out()).startsWith("3\n");
            } finally {
                ImageStore.deleteTree(new BuildCache(store).mountDir(cacheId));
            }
        }
    }

    @Test
    void healthcheckMakesAServiceHealthy_onbuildTriggersRunInTheChildOnly() throws Exception {
        try (LinuxProjectRun run = new LinuxProjectRun(dir)) {
            run.write("base/Dockerfile", """
                    FROM %s
                    HEALTHCHECK --interval=1s --timeout=3s --retries=2 CMD test -f /tmp/ready
                    ONBUILD RUN echo triggered > /onbuild.txt
                    ONBUILD COPY child.txt /child.txt
                    CMD ["sh", "-c", "touch /tmp/ready; exec sleep 600"]
                    """.formatted(BUSYBOX));
            ok(run.jcompose("image", "build", "-t", tag + ":base", "base"));
            ImageConfig.Healthcheck check = image(tag + ":base").config().healthcheck().orElseThrow();
            assertThat(check.test()).containsExactly("CMD-SHELL", "test -f /tmp/ready");
            assertThat(check.interval()).hasValue(Duration.ofSeconds(1));
            assertThat(check.timeout()).hasValue(Duration.ofSeconds(3));
            assertThat(check.retries()).hasValue(2);
            assertThat(onBuild(tag + ":base")).hasSize(2);

            run.write("child/Dockerfile", "FROM " + tag + ":base\nCMD [\"cat\", \"/onbuild.txt\", \"/child.txt\"]\n");
            run.write("child/child.txt", "copied by a trigger\n");
            LinuxProjectRun.Result child = ok(run.jcompose("image", "build", "-t", tag + ":child", "child"));
            assertThat(child.out() + child.err()).contains("ONBUILD").contains("RUN echo triggered");
            assertThat(output(run, tag + ":child")).isEqualTo("triggered\ncopied by a trigger\n");
            assertThat(onBuild(tag + ":child")).isEmpty();
            assertThat(image(tag + ":child").config().healthcheck()).isPresent();

            run.write("compose.yaml", """
                    services:
                      web:
                        image: %s:base
                        network_mode: none
                    """.formatted(tag));
            ok(run.jcompose("up", "-d"));
            Instant deadline = Instant.now().plusSeconds(30);
            String ps = "";
            while (Instant.now().isBefore(deadline) && !ps.contains("(healthy)")) {
                Thread.sleep(500);
                ps = run.jcompose("ps").out();
            }
            assertThat(ps).contains(run.project + "-web-1").contains("(healthy)");
        }
    }

    private List<String> onBuild(String name) throws IOException {
        JsonNode config = new ObjectMapper().readTree(store.readBlob(image(name).id())).path("config");
        List<String> triggers = new ArrayList<>();
        config.path("OnBuild").forEach(n -> triggers.add(n.asText()));
        return triggers;
    }

    @Test
    void targetBuildsUpToItsStage_fromTheCliAndFromCompose() {
        try (LinuxProjectRun run = new LinuxProjectRun(dir)) {
            run.write("Dockerfile", """
                    FROM %s AS first
                    RUN echo first > /first.txt
                    FROM first AS second
                    RUN echo second-stage-ran > /second.txt
                    FROM second AS third
                    RUN echo third-stage-ran > /third.txt
                    """.formatted(BUSYBOX));
            LinuxProjectRun.Result second = ok(run.jcompose("image", "build", "--target", "second", "-t",
                    tag + ":second", "."));
            assertThat(second.out() + second.err()).contains("second-stage-ran").doesNotContain("third-stage-ran");
            assertThat(run.jcompose("container", "run", "--rm", "--network", "none", tag + ":second", "sh", "-c",
                    "cat /first.txt /second.txt; ls /third.txt").err()).contains("/third.txt: No such file");

            run.write("compose.yaml", """
                    services:
                      app:
                        build:
                          context: .
                          target: first
                        image: %s:first
                        network_mode: none
                        command: ["sh", "-c", "cat /first.txt; ls /second.txt"]
                    """.formatted(tag));
            LinuxProjectRun.Result first = ok(run.jcompose("build"));
            assertThat(first.out() + first.err()).doesNotContain("second-stage-ran").doesNotContain("third");
            LinuxProjectRun.Result ran = run.jcompose("run", "--rm", "app");
            assertThat(ran.out()).startsWith("first\n");
            assertThat(ran.out() + ran.err()).contains("/second.txt: No such file");
        }
    }

    @Test
    void heredocsInRunAndCopy_userWithCopyChown_dockerignoreExceptions() {
        try (LinuxProjectRun run = new LinuxProjectRun(dir)) {
            run.write("Dockerfile", """
                    FROM %s
                    ARG NAME=heredoc
                    RUN <<EOF
                    echo 'app:x:1234:1234::/home/app:/bin/sh' >> /etc/passwd
                    echo 'app:x:1234:' >> /etc/group
                    mkdir -p /home/app && chown app:app /home/app
                    EOF
                    RUN cat <<EOT > /from-run.txt
                    made by $NAME in a heredoc
                    EOT
                    COPY <<EOF /etc/greeting.txt
                    hello ${NAME}
                    EOF
                    COPY <<'EOF' /etc/literal.txt
                    kept ${NAME}
                    EOF
                    USER app
                    COPY --chown=app ctx/ /home/app/ctx/
                    RUN id -u > /home/app/who && touch /home/app/ctx/written-by-app
                    CMD ["sh", "-c", "cat /from-run.txt /etc/greeting.txt /etc/literal.txt /home/app/who; \\
                    stat -c %%u:%%g /home/app/ctx/kept.txt; ls -A /home/app/ctx /home/app/ctx/sub | xargs"]
                    """.formatted(BUSYBOX));
            run.write(".dockerignore", """
                    ctx/*.log
                    !ctx/keep.log
                    ctx/sub/**
                    !ctx/sub/wanted.txt
                    """);
            for (String name : List.of("kept.txt", "drop.log", "keep.log", "sub/unwanted.txt", "sub/wanted.txt")) {
                run.write("ctx/" + name, name + "\n");
            }
            ok(run.jcompose("image", "build", "-t", tag + ":heredoc", "."));
            assertThat(output(run, tag + ":heredoc")).isEqualTo("""
                    made by heredoc in a heredoc
                    hello heredoc
                    kept ${NAME}
                    1234
                    1234:1234
                    /home/app/ctx: keep.log kept.txt sub written-by-app /home/app/ctx/sub: wanted.txt
                    """);
            assertThat(image(tag + ":heredoc").config().user()).isEqualTo("app");
        }
    }

    @Test
    void badInputIsOneLineNamingTheDockerfileLineOrTheContext() {
        try (LinuxProjectRun run = new LinuxProjectRun(dir)) {
            run.write("file-context", "not a directory\n");
            assertOneLineError(run.jcompose("image", "build", "-t", tag + ":x", "file-context"),
                    "context must be a directory", dir.resolve("file-context").toString());

            run.write("unknown/Dockerfile", "FROM " + BUSYBOX + "\nFROBNICATE the widgets\n");
            assertOneLineError(run.jcompose("image", "build", "-t", tag + ":x", "unknown"), "Dockerfile:2",
                    "FROBNICATE");

            run.write("nosource/Dockerfile", "FROM " + BUSYBOX + "\nCOPY missing.txt /\n");
            assertOneLineError(run.jcompose("image", "build", "-t", tag + ":x", "nosource"), "Dockerfile:2",
                    "missing.txt");

            run.write("nostage/Dockerfile", "FROM " + BUSYBOX + " AS base\nFROM base\nCOPY --from=nosuchstage /x /x\n");
            assertOneLineError(run.jcompose("image", "build", "-t", tag + ":x", "nostage"), "Dockerfile:3",
                    "\"nosuchstage\" is neither an earlier stage of Dockerfile (stages: base) nor an image");

            run.write("compose.yaml", """
                    services:
                      app:
                        build: unknown
                        image: %s:x
                    """.formatted(tag));
            assertOneLineError(run.jcompose("build"), "Dockerfile:2", "FROBNICATE");
            run.write("compose.yaml", """
                    services:
                      app:
                        build: file-context
                        image: %s:x
                    """.formatted(tag));
            assertOneLineError(run.jcompose("build"), dir.resolve("file-context").toString(), "not a directory");
            assertThat(store.find(tag + ":x")).isEmpty();
        }
    }

    @Test
    void buildStepsAreHiddenFromImageLs_pruneKeepsThoseUnderANamedImage_rmTakesThemAlong() throws Exception {
        // a store of its own, as prune acts on the whole store; FROM scratch and no RUN: no base image, no container
        Path root = Files.createTempDirectory("buildsteps-store-");
        java.util.Map<String, String> own = java.util.Map.of("JCOMPOSE_ROOT", root.resolve("root").toString(),
                "JCOMPOSE_RUN_ROOT", root.resolve("run").toString());
        try (LinuxProjectRun run = new LinuxProjectRun(dir, own)) {
            run.write("Dockerfile", """
                    FROM scratch AS gen
                    COPY gen.txt /gen.txt
                    FROM scratch
                    ENV A=1
                    COPY a.txt /a.txt
                    COPY --from=gen /gen.txt /gen.txt
                    CMD ["/a"]
                    """);
            run.write("gen.txt", "generated\n");
            run.write("a.txt", "one\n");
            ok(run.jcompose("image", "build", "-t", "steps:1", "."));
            assertThat(rows(run, "image", "ls")).hasSize(1).first().asString().startsWith("steps ");
            assertThat(ids(run, "image", "ls", "-a", "-q")).hasSize(5);

            run.write("a.txt", "two\n");
            ok(run.jcompose("image", "build", "-t", "steps:1", "."));
            // the image the rebuild took the name from is dangling, shown as Docker shows it
            List<String> listed = rows(run, "image", "ls");
            assertThat(listed).hasSize(2);
            assertThat(listed.get(1)).startsWith("<none> ");
            assertThat(ids(run, "image", "ls", "-a", "-q")).hasSize(8);

            String pruned = ok(run.jcompose("image", "prune", "-f")).out();
            assertThat(count(pruned, "deleted: sha256:")).as(pruned).isEqualTo(3);
            assertThat(ids(run, "image", "ls", "-a", "-q")).hasSize(5);
            LinuxProjectRun.Result cached = ok(run.jcompose("image", "build", "-t", "steps:1", "."));
            assertThat(count(cached.out() + cached.err(), "CACHED")).isEqualTo(5);

            String removed = ok(run.jcompose("image", "rm", "steps:1")).out();
            assertThat(removed).contains("Untagged: steps:1");
            assertThat(count(removed, "Deleted: sha256:")).as(removed).isEqualTo(5);
            assertThat(ids(run, "image", "ls", "-a", "-q")).isEmpty();

            ok(run.jcompose("image", "build", "-t", "steps:1", "."));
            assertThat(count(ok(run.jcompose("image", "prune", "-f")).out(), "deleted:")).isZero();
            ok(run.jcompose("image", "prune", "-a", "-f"));
            assertThat(ids(run, "image", "ls", "-a", "-q")).isEmpty();
        } finally {
            ImageStore.deleteTree(root);
        }
    }

    /** The table rows of a listing, header left out. */
    private static List<String> rows(LinuxProjectRun run, String... args) {
        return ok(run.jcompose(args)).out().lines().skip(1).toList();
    }

    private static List<String> ids(LinuxProjectRun run, String... args) {
        return ok(run.jcompose(args)).out().lines().filter(l -> !l.isBlank()).toList();
    }

    private static String sha256(byte[] content) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    }

    private static void writeTarGz(Path file, String name, String content) throws IOException {
        Files.createDirectories(file.getParent());
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(
                Files.newOutputStream(file)))) {
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(bytes.length);
            entry.setMode(0644);
            tar.putArchiveEntry(entry);
            tar.write(bytes);
            tar.closeArchiveEntry();
        }
    }
}

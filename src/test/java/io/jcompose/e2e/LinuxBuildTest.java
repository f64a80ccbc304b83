package io.jcompose.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcompose.engine.linux.image.StoredImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/** {@code jcompose build} and {@code up --build} on the built-in runtime: the builder without a daemon. */
@EnabledIf("io.jcompose.e2e.OnBuiltInRuntime#canRun")
class LinuxBuildTest extends OnBuiltInBuilder {

    LinuxBuildTest() {
        super("jcbuild-");
    }

    @Test
    void pythonImageRunsItsScript_rebuildIsCached_aChangedFileRebuildsFromItsCopy() throws Exception {
        try (LinuxProjectRun run = new LinuxProjectRun(dir)) {
            run.write("compose.yaml", """
                    services:
                      app:
                        build: .
                        image: %s:py
                    """.formatted(tag));
            run.write("Dockerfile", """
                    FROM jcompose-fixtures/python-flask:bookworm
                    WORKDIR /app
                    ENV GREETING=hello FLASK_DEBUG=0
                    COPY greet.py .
                    COPY data.txt ./
                    EXPOSE 5000
                    CMD ["python3", "greet.py"]
                    """);
            run.write("greet.py", "import os\nprint(os.environ['GREETING'], open('data.txt').read().strip(),"
                    + " sorted(os.listdir('.')))\n");
            run.write("data.txt", "one\n");
            run.write("secret.txt", "do not ship\n");
            run.write(".dockerignore", "secret.txt\n");

            LinuxProjectRun.Result first = run.jcompose("build");
            ok(first);
            assertThat(first.out() + first.err()).contains("[2/7] WORKDIR /app").contains("DONE");
            StoredImage built = image(tag + ":py");
            assertThat(built.config().workingDir()).isEqualTo("/app");
            assertThat(built.config().env()).contains("GREETING=hello", "FLASK_DEBUG=0");
            assertThat(built.config().exposedPorts()).containsExactly("5000/tcp");
            assertThat(built.config().cmd()).hasValue(List.of("python3", "greet.py"));

            LinuxProjectRun.Result out = run.jcompose("run", "--rm", "app");
            ok(out);
            assertThat(out.out()).contains("hello one ['data.txt', 'greet.py']");

            LinuxProjectRun.Result again = run.jcompose("build");
            ok(again);
            assertThat(count(again.out() + again.err(), "CACHED")).isEqualTo(6);
            assertThat(image(tag + ":py").id()).isEqualTo(built.id());

            run.write("data.txt", "two\n");
            LinuxProjectRun.Result changed = run.jcompose("build");
            ok(changed);
            String log = changed.out() + changed.err();
            // WORKDIR, ENV and the first COPY come from the cache; the changed COPY and what follows run again
            assertThat(count(log, "CACHED")).isEqualTo(3);
            assertThat(log).containsPattern("#\\d+ \\[5/7\\] COPY data.txt");
            assertThat(run.jcompose("run", "--rm", "app").out()).contains("hello two");
        }
    }

    @Test
    void multiStageCopyFrom_argDefaultsAndBuildArgs_whiteouts_userAndChown() throws Exception {
        try (LinuxProjectRun run = new LinuxProjectRun(dir)) {
            run.write("compose.yaml", """
                    services:
                      app:
                        build: .
                        image: %s:ms
                        network_mode: none
                    """.formatted(tag));
            run.write("Dockerfile", """
                    ARG BASE=jcompose-fixtures/busybox:latest
                    FROM ${BASE} AS build
                    ARG WHO=world
                    RUN mkdir /out && echo "hello $WHO" > /out/greeting
                    FROM jcompose-fixtures/busybox:latest AS unused
                    RUN echo this stage is not needed && exit 1
                    FROM jcompose-fixtures/busybox:latest
                    RUN echo temp > /tmp/scratch.txt && echo 'app:x:1234:1234::/home/app:/bin/sh' >> /etc/passwd \\
                        && echo 'app:x:1234:' >> /etc/group
                    RUN rm /tmp/scratch.txt /bin/vi
                    COPY --from=build /out/greeting /greeting
                    COPY --chown=app:app owned.txt /home/app/
                    USER app
                    CMD ["sh", "-c", "cat /greeting; id -u; stat -c %u:%g /home/app/owned.txt; ls /tmp /bin/vi"]
                    """);
            run.write("owned.txt", "mine\n");

            LinuxProjectRun.Result build = run.jcompose("build");
            ok(build);
            assertThat(build.out() + build.err()).doesNotContain("this stage is not needed");
            LinuxProjectRun.Result out = run.jcompose("run", "--rm", "app");
            assertThat(out.out()).contains("hello world").contains("1234\n1234:1234")
                    .doesNotContain("scratch.txt");
            assertThat(out.out() + out.err()).contains("/bin/vi: No such file or directory");
            assertThat(image(tag + ":ms").config().user()).isEqualTo("app");

            ok(run.jcompose("build", "--build-arg", "WHO=jcompose"));
            assertThat(run.jcompose("run", "--rm", "app").out()).contains("hello jcompose");
        }
    }

    @Test
    void imageBuildTagsLikeDockerBuild_andBadContextsAreOneLine() throws Exception {
        try (LinuxProjectRun run = new LinuxProjectRun(dir)) {
            run.write("ctx/Dockerfile", """
                    FROM jcompose-fixtures/busybox:latest
                    RUN echo built-by-image-build > /msg
                    CMD ["cat", "/msg"]
                    """);
            ok(run.jcompose("image", "build", "-t", tag + ":cli", "ctx"));
            LinuxProjectRun.Result ran = run.jcompose("container", "run", "--rm", "--network", "none", tag + ":cli");
            assertThat(ran.out()).as(ran.err()).contains("built-by-image-build");

            run.write("empty/Dockerfile", "");
            LinuxProjectRun.Result empty = run.jcompose("image", "build", "-t", tag + ":empty", "empty");
            assertThat(empty.code()).isNotZero();
            assertThat(empty.err()).contains("cannot be empty").doesNotContain("\tat ");
            LinuxProjectRun.Result missing = run.jcompose("image", "build", "no-such-dir");
            assertThat(missing.code()).isNotZero();
            assertThat(missing.err().strip()).contains("no-such-dir").doesNotContain("\tat ");
        }
    }

    @Test
    void aFailingRunNamesItsLineExitCodeAndOutput() {
        try (LinuxProjectRun run = new LinuxProjectRun(dir)) {
            run.write("compose.yaml", """
                    services:
                      app:
                        build: .
                        image: %s:fail
                    """.formatted(tag));
            run.write("Dockerfile", """
                    FROM jcompose-fixtures/busybox:latest
                    RUN echo boom-output-line && exit 3
                    """);
            LinuxProjectRun.Result r = run.jcompose("build");
            assertThat(r.code()).isNotZero();
            assertThat(r.err()).contains("Dockerfile:2").contains("RUN echo boom-output-line")
                    .contains("exit code 3").contains("boom-output-line");
            assertThat(store.find(tag + ":fail")).isEmpty();
            assertThat(run.store.list()).noneMatch(c -> c.name().startsWith("jcompose-build-")
                    && c.created().isAfter(java.time.Instant.now().minusSeconds(120)));
        }
    }

    @Test
    void flaskRedisSampleUpWithBuildCountsAndDownLeavesNothing() throws Exception {
        Path sample = Path.of(System.getProperty("jcompose.repo")).resolve("samples/flask-redis");
        copy(sample, dir);
        int port = ProjectRun.freePort();
        Path compose = dir.resolve("compose.yaml");
        Files.writeString(compose, Files.readString(compose).replace("\"5001:5000\"", "\"" + port + ":5000\"")
                .replace("build: ./webapp", "build: ./webapp\n    image: " + tag + ":web"));
        try (LinuxProjectRun run = new LinuxProjectRun(dir)) {
            ok(run.jcompose("up", "-d", "--build"));
            assertThat(ProjectRun.get(port, Duration.ofSeconds(30))).contains("seen 1 times");
            assertThat(ProjectRun.get(port, Duration.ofSeconds(10))).contains("seen 2 times");
            List<String> ids = run.containers().stream().map(c -> c.id()).toList();
            ok(run.jcompose("down", "-v"));
            assertThat(run.containers()).isEmpty();
            assertThat(run.volumes()).isEmpty();
            assertThat(run.leftovers(ids)).isEmpty();
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(from)) {
            walk.forEach(all::add);
        }
        for (Path p : all) {
            Path target = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p)) {
                Files.createDirectories(target);
            } else {
                Files.copy(p, target);
            }
        }
    }
}

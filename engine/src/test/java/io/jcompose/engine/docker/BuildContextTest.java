package io.jcompose.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.engine.spi.BuildFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildContextTest {

    @TempDir
    Path dir;

    private void write(String file, String text) throws IOException {
        Files.createDirectories(dir.resolve(file).getParent());
        Files.writeString(dir.resolve(file), text);
    }

    /** Entry name to entry, in tar order. */
    private static Map<String, TarArchiveEntry> entries(BuildContext context) throws IOException {
        Map<String, TarArchiveEntry> out = new LinkedHashMap<>();
        try (InputStream in = context.open(); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
            for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                out.put(e.getName(), e);
            }
        }
        return out;
    }

    @Test
    void of_leavesOutWhatDockerignoreSaysButNeverTheDockerfile() throws IOException {
        write("Dockerfile", "FROM scratch\n");
        write(".dockerignore", "Dockerfile\n.dockerignore\nsecret.txt\nnode_modules\nlogs/\n!logs/keep.log\n");
        write("app.txt", "app");
        write("secret.txt", "s3cret");
        write("node_modules/pkg/index.js", "x");
        write("logs/a.log", "a");
        write("logs/keep.log", "k");
        write("src/main.c", "int main;");

        try (BuildContext context = BuildContext.of(dir, "Dockerfile", Optional.empty())) {
            assertThat(context.dockerfile()).isEqualTo("Dockerfile");
            assertThat(entries(context).keySet()).containsExactlyInAnyOrder("Dockerfile", ".dockerignore",
                    "app.txt", "logs/keep.log", "src/", "src/main.c");
        }
    }

    @Test
    void of_usesTheDockerfileSpecificIgnoreFileWhenThereIsOne() throws IOException {
        write("build/Dockerfile", "FROM scratch\n");
        write("build/Dockerfile.dockerignore", "secret.txt\n");
        write(".dockerignore", "app.txt\n");
        write("app.txt", "app");
        write("secret.txt", "s3cret");

        try (BuildContext context = BuildContext.of(dir, "build/Dockerfile", Optional.empty())) {
            assertThat(entries(context).keySet()).contains("app.txt").doesNotContain("secret.txt");
        }
    }

    @Test
    void of_aBadIgnoreFileIsABuildFailure() throws IOException {
        write("Dockerfile", "FROM scratch\n");
        write(".dockerignore", "!\n");

        assertThatThrownBy(() -> BuildContext.of(dir, "Dockerfile", Optional.empty()))
                .isInstanceOf(BuildFailedException.class)
                .hasMessageContaining("illegal exclusion pattern");
    }

    @Test
    void of_keepsModesAndSymlinksAndDeletesTheTarOnClose() throws IOException {
        write("Dockerfile", "FROM scratch\n");
        write("run.sh", "#!/bin/sh\n");
        Files.setPosixFilePermissions(dir.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.createSymbolicLink(dir.resolve("link"), Path.of("run.sh"));

        Path tar;
        try (BuildContext context = BuildContext.of(dir, "Dockerfile", Optional.empty())) {
            tar = context.tar();
            Map<String, TarArchiveEntry> entries = entries(context);
            assertThat(entries.get("run.sh").getMode() & 0777).isEqualTo(0750);
            assertThat(entries.get("link").isSymbolicLink()).isTrue();
            assertThat(entries.get("link").getLinkName()).isEqualTo("run.sh");
        }
        assertThat(tar).doesNotExist();
    }

    @Test
    void of_dockerfileOutsideTheContextOrInlineIsAddedUnderItsOwnName() throws IOException {
        write("ctx/app.txt", "app");
        write("docker/Dockerfile.dev", "FROM outside\n");

        try (BuildContext outside = BuildContext.of(dir.resolve("ctx"), "../docker/Dockerfile.dev",
                Optional.empty()); BuildContext inline = BuildContext.of(dir.resolve("ctx"), "Dockerfile",
                Optional.of("FROM inline\n"))) {
            assertThat(outside.dockerfile()).isEqualTo(BuildContext.GENERATED_DOCKERFILE);
            assertThat(entries(outside).keySet()).containsExactly(BuildContext.GENERATED_DOCKERFILE, "app.txt");
            assertThat(inline.dockerfile()).isEqualTo(BuildContext.GENERATED_DOCKERFILE);
            try (InputStream in = inline.open(); TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                tar.getNextEntry();
                assertThat(new String(tar.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("FROM inline\n");
            }
        }
    }

    @Test
    void of_aDockerfileInASubdirectoryIsNamedByItsPath() throws IOException {
        write("build/Dockerfile", "FROM scratch\n");
        try (BuildContext context = BuildContext.of(dir, "build/Dockerfile", Optional.empty())) {
            assertThat(context.dockerfile()).isEqualTo("build/Dockerfile");
        }
    }

    @Test
    void of_missingDockerfileOrContextIsABuildFailure() throws IOException {
        assertThatThrownBy(() -> BuildContext.of(dir, "Dockerfile", Optional.empty()))
                .isInstanceOf(BuildFailedException.class).hasMessageContaining("cannot find Dockerfile");
        assertThatThrownBy(() -> BuildContext.of(dir.resolve("nope"), "Dockerfile", Optional.empty()))
                .isInstanceOf(BuildFailedException.class).hasMessageContaining("is not a directory");
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            assertThat(files.filter(f -> f.getFileName().toString().startsWith("jcompose-context-"))
                    .filter(f -> f.toFile().lastModified() > System.currentTimeMillis() - 2000)).isEmpty();
        }
    }
}

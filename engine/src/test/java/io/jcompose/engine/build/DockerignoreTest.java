package io.jcompose.engine.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerignoreTest {

    @Test
    void excludes_plainNamesAndCommentsAndBlankLines() {
        Dockerignore filter = Dockerignore.parse("# secrets\n\nsecret.txt\r\n  build  \n");

        assertThat(filter.excludes("secret.txt")).isTrue();
        assertThat(filter.excludes("build")).isTrue();
        assertThat(filter.excludes("# secrets")).isFalse();
        assertThat(filter.excludes("app.txt")).isFalse();
        assertThat(filter.excludes("src/secret.txt")).as("a name matches from the context root only").isFalse();
    }

    @Test
    void excludes_starStaysInOneDirectoryAndDoubleStarCrossesThem() {
        Dockerignore star = Dockerignore.parse("*.log");
        Dockerignore doubleStar = Dockerignore.parse("**/*.log");

        assertThat(star.excludes("a.log")).isTrue();
        assertThat(star.excludes("dir/a.log")).isFalse();
        assertThat(doubleStar.excludes("a.log")).isTrue();
        assertThat(doubleStar.excludes("dir/sub/a.log")).isTrue();
        assertThat(doubleStar.excludes("a.txt")).isFalse();
        assertThat(Dockerignore.parse("**").excludes("any/thing")).isTrue();
        assertThat(Dockerignore.parse("dir/**/x").excludes("dir/x")).isTrue();
        assertThat(Dockerignore.parse("dir/**/x").excludes("dir/a/b/x")).isTrue();
    }

    @Test
    void excludes_aDirectoryExcludesWhatIsBelowIt() {
        Dockerignore filter = Dockerignore.parse("node_modules/\nlogs");

        assertThat(filter.excludes("node_modules")).isTrue();
        assertThat(filter.excludes("node_modules/pkg/index.js")).isTrue();
        assertThat(filter.excludes("logs/2024/a.log")).isTrue();
        assertThat(filter.excludes("logs.txt")).isFalse();
    }

    @Test
    void excludes_exceptionsAndTheLastMatchWins() {
        Dockerignore filter = Dockerignore.parse("*.md\n!README.md\nlogs/\n!logs/keep.log\n"
                + "*.txt\n!important.txt\nimportant.txt\n");

        assertThat(filter.hasExceptions()).isTrue();
        assertThat(filter.excludes("CHANGES.md")).isTrue();
        assertThat(filter.excludes("README.md")).isFalse();
        assertThat(filter.excludes("logs/a.log")).isTrue();
        assertThat(filter.excludes("logs/keep.log")).isFalse();
        assertThat(filter.excludes("important.txt")).as("excluded again by the last line").isTrue();
        assertThat(Dockerignore.parse("*.md").hasExceptions()).isFalse();
    }

    @Test
    void excludes_patternsAreCleanedLikeGoPaths() {
        assertThat(Dockerignore.parse("/abs").excludes("abs")).isTrue();
        assertThat(Dockerignore.parse("./dir/../other").excludes("other")).isTrue();
        assertThat(Dockerignore.parse("dir//file").excludes("dir/file")).isTrue();
        assertThat(Dockerignore.clean("./a/./b/../c/")).isEqualTo("a/c");
        assertThat(Dockerignore.clean("../x")).isEqualTo("../x");
    }

    @Test
    void excludes_questionMarksClassesAndEscapes() {
        assertThat(Dockerignore.parse("a?c").excludes("abc")).isTrue();
        assertThat(Dockerignore.parse("a?c").excludes("a/c")).isFalse();
        assertThat(Dockerignore.parse("[a-c].txt").excludes("b.txt")).isTrue();
        assertThat(Dockerignore.parse("[a-c].txt").excludes("d.txt")).isFalse();
        assertThat(Dockerignore.parse("[^a-c].txt").excludes("d.txt")).isTrue();
        assertThat(Dockerignore.parse("file.(1)").excludes("file.(1)")).isTrue();
        assertThat(Dockerignore.parse("file.txt").excludes("fileXtxt")).as("a dot is a dot").isFalse();
        assertThat(Dockerignore.parse("\\*star").excludes("*star")).isTrue();
        assertThat(Dockerignore.parse("\\*star").excludes("xstar")).isFalse();
    }

    @Test
    void excludes_doubleStarBeforeMoreOfANameCrossesDirectoriesToo() {
        Dockerignore filter = Dockerignore.parse("**.log\nsrc/**.tmp");

        assertThat(filter.excludes("a.log")).isTrue();
        assertThat(filter.excludes("deep/dir/a.log")).isTrue();
        assertThat(filter.excludes("src/x/y.tmp")).isTrue();
        assertThat(filter.excludes("other/y.tmp")).isFalse();
    }

    @Test
    void parse_commentsOnlyInTheFirstColumnAndAByteOrderMark() {
        Dockerignore filter = Dockerignore.parse("\uFEFFsecret\n  #notes\n");

        assertThat(filter.excludes("secret")).as("the mark is not part of the first pattern").isTrue();
        assertThat(filter.excludes("#notes")).as("an indented # is a pattern, as in Docker").isTrue();
    }

    @Test
    void parse_aBangAloneIsRefused() {
        assertThatThrownBy(() -> Dockerignore.parse("*\n!\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("illegal exclusion pattern: \"!\"");
    }

    @Test
    void excludes_bracketClassesAreGosWhereOnlyCaretNegates() {
        assertThat(Dockerignore.parse("[!a].txt").excludes("!.txt")).isTrue();
        assertThat(Dockerignore.parse("[!a].txt").excludes("b.txt")).isFalse();
    }

    @Test
    void of_prefersTheDockerfileSpecificIgnoreFileBesideTheDockerfile(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("build"));
        Files.writeString(dir.resolve(".dockerignore"), "context-rule\n");
        Files.writeString(dir.resolve("build/Dockerfile.dev"), "FROM scratch\n");
        Files.writeString(dir.resolve("build/Dockerfile.dev.dockerignore"), "specific-rule\n");

        Dockerignore specific = Dockerignore.of(dir, Path.of("build/Dockerfile.dev"));
        assertThat(specific.excludes("specific-rule")).isTrue();
        assertThat(specific.excludes("context-rule")).isFalse();
        assertThat(specific.source()).contains(dir.resolve("build/Dockerfile.dev.dockerignore"));

        Dockerignore plain = Dockerignore.of(dir, Path.of("Dockerfile"));
        assertThat(plain.excludes("context-rule")).isTrue();
        assertThat(plain.source()).contains(dir.resolve(".dockerignore"));
        assertThat(Dockerignore.of(dir, dir.resolve("build/Dockerfile.dev")).excludes("specific-rule")).isTrue();

        Files.delete(dir.resolve(".dockerignore"));
        assertThat(Dockerignore.of(dir, Path.of("Dockerfile")).source()).isEmpty();
        assertThat(Dockerignore.of(dir).excludes("context-rule")).isFalse();
    }
}

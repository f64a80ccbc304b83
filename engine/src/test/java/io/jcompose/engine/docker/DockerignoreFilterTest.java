package io.jcompose.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DockerignoreFilterTest {

    @Test
    void excludes_plainNamesAndCommentsAndBlankLines() {
        DockerignoreFilter filter = DockerignoreFilter.parse("# secrets\n\nsecret.txt\r\n  build  \n");

        assertThat(filter.excludes("secret.txt")).isTrue();
        assertThat(filter.excludes("build")).isTrue();
        assertThat(filter.excludes("# secrets")).isFalse();
        assertThat(filter.excludes("app.txt")).isFalse();
        assertThat(filter.excludes("src/secret.txt")).as("a name matches from the context root only").isFalse();
    }

    @Test
    void excludes_starStaysInOneDirectoryAndDoubleStarCrossesThem() {
        DockerignoreFilter star = DockerignoreFilter.parse("*.log");
        DockerignoreFilter doubleStar = DockerignoreFilter.parse("**/*.log");

        assertThat(star.excludes("a.log")).isTrue();
        assertThat(star.excludes("dir/a.log")).isFalse();
        assertThat(doubleStar.excludes("a.log")).isTrue();
        assertThat(doubleStar.excludes("dir/sub/a.log")).isTrue();
        assertThat(doubleStar.excludes("a.txt")).isFalse();
        assertThat(DockerignoreFilter.parse("**").excludes("any/thing")).isTrue();
        assertThat(DockerignoreFilter.parse("dir/**/x").excludes("dir/x")).isTrue();
        assertThat(DockerignoreFilter.parse("dir/**/x").excludes("dir/a/b/x")).isTrue();
    }

    @Test
    void excludes_aDirectoryExcludesWhatIsBelowIt() {
        DockerignoreFilter filter = DockerignoreFilter.parse("node_modules/\nlogs");

        assertThat(filter.excludes("node_modules")).isTrue();
        assertThat(filter.excludes("node_modules/pkg/index.js")).isTrue();
        assertThat(filter.excludes("logs/2024/a.log")).isTrue();
        assertThat(filter.excludes("logs.txt")).isFalse();
    }

    @Test
    void excludes_exceptionsAndTheLastMatchWins() {
        DockerignoreFilter filter = DockerignoreFilter.parse("*.md\n!README.md\nlogs/\n!logs/keep.log\n"
                + "*.txt\n!important.txt\nimportant.txt\n");

        assertThat(filter.hasExceptions()).isTrue();
        assertThat(filter.excludes("CHANGES.md")).isTrue();
        assertThat(filter.excludes("README.md")).isFalse();
        assertThat(filter.excludes("logs/a.log")).isTrue();
        assertThat(filter.excludes("logs/keep.log")).isFalse();
        assertThat(filter.excludes("important.txt")).as("excluded again by the last line").isTrue();
        assertThat(DockerignoreFilter.parse("*.md").hasExceptions()).isFalse();
    }

    @Test
    void excludes_patternsAreCleanedLikeGoPaths() {
        assertThat(DockerignoreFilter.parse("/abs").excludes("abs")).isTrue();
        assertThat(DockerignoreFilter.parse("./dir/../other").excludes("other")).isTrue();
        assertThat(DockerignoreFilter.parse("dir//file").excludes("dir/file")).isTrue();
        assertThat(DockerignoreFilter.clean("./a/./b/../c/")).isEqualTo("a/c");
        assertThat(DockerignoreFilter.clean("../x")).isEqualTo("../x");
    }

    @Test
    void excludes_questionMarksClassesAndEscapes() {
        assertThat(DockerignoreFilter.parse("a?c").excludes("abc")).isTrue();
        assertThat(DockerignoreFilter.parse("a?c").excludes("a/c")).isFalse();
        assertThat(DockerignoreFilter.parse("[a-c].txt").excludes("b.txt")).isTrue();
        assertThat(DockerignoreFilter.parse("[a-c].txt").excludes("d.txt")).isFalse();
        assertThat(DockerignoreFilter.parse("[^a-c].txt").excludes("d.txt")).isTrue();
        assertThat(DockerignoreFilter.parse("file.(1)").excludes("file.(1)")).isTrue();
        assertThat(DockerignoreFilter.parse("file.txt").excludes("fileXtxt")).as("a dot is a dot").isFalse();
        assertThat(DockerignoreFilter.parse("\\*star").excludes("*star")).isTrue();
        assertThat(DockerignoreFilter.parse("\\*star").excludes("xstar")).isFalse();
    }
}

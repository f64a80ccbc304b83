package io.jcompose.engine.copy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ArchivePathsTest {

    @Test
    void split_keepsTheCurrentDirectoryElement() {
        assertThat(ArchivePaths.split("/a/b")).containsExactly("/a", "b");
        assertThat(ArchivePaths.split("/a/b/")).containsExactly("/a", "b");
        assertThat(ArchivePaths.split("/a/b/.")).containsExactly("/a/b", ".");
        assertThat(ArchivePaths.split("/b")).containsExactly("/", "b");
        assertThat(ArchivePaths.split("b")).containsExactly(".", "b");
    }

    @Test
    void assertsDirectory_trailingSlashOrDot() {
        assertThat(ArchivePaths.assertsDirectory("/a/")).isTrue();
        assertThat(ArchivePaths.assertsDirectory("/a/.")).isTrue();
        assertThat(ArchivePaths.assertsDirectory("/a")).isFalse();
        assertThat(ArchivePaths.assertsDirectory("/a.")).isFalse();
    }

    @Test
    void rebase_wholeFirstElementsOnly() {
        assertThat(ArchivePaths.rebase("d/", "d", "out")).isEqualTo("out/");
        assertThat(ArchivePaths.rebase("d/f.txt", "d", "out")).isEqualTo("out/f.txt");
        assertThat(ArchivePaths.rebase("dd/f.txt", "d", "out")).isEqualTo("dd/f.txt");
        assertThat(ArchivePaths.rebase("./", ".", "out")).isEqualTo("out/");
        assertThat(ArchivePaths.rebase("./sub/g", ".", "out")).isEqualTo("out/sub/g");
        assertThat(ArchivePaths.rebase("file.txt", "file.txt", "new.txt")).isEqualTo("new.txt");
    }

    @Test
    void rebaseName_aLinkFollowedKeepsTheLinksName() {
        assertThat(ArchivePaths.rebaseName("/lnk", "/d/f.txt")).containsExactly("/d/f.txt", "lnk");
        assertThat(ArchivePaths.rebaseName("/dl/.", "/d")).containsExactly("/d/.", "");
        assertThat(ArchivePaths.rebaseName("/same", "/x/same")).containsExactly("/x/same", "");
        assertThat(ArchivePaths.resolveLink("/a/lnk", "target")).isEqualTo("/a/target");
        assertThat(ArchivePaths.resolveLink("/a/lnk", "/abs")).isEqualTo("/abs");
    }
}

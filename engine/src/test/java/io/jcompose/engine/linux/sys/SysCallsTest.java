package io.jcompose.engine.linux.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysCallsTest {

    @TempDir
    Path tmp;

    @Test
    void whiteoutIsACharacterDeviceZeroZero() throws Exception {
        assumeTrue(ProcessIdentity.isRoot(), "mknod of a device needs root");
        Path whiteout = tmp.resolve("gone");
        SpecialFiles.createWhiteout(whiteout);
        Map<String, Object> attrs = Files.readAttributes(whiteout, "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS);
        assertThat((int) attrs.get("mode") & 0170000).isEqualTo(0020000);
        assertThat((long) attrs.get("rdev")).isZero();
    }

    @Test
    void fifoIsAPipe() throws Exception {
        Path fifo = tmp.resolve("pipe");
        SpecialFiles.createFifo(fifo, 0600);
        assertThat(Files.readAttributes(fifo, java.nio.file.attribute.BasicFileAttributes.class).isOther()).isTrue();
        assertThat((int) Files.getAttribute(fifo, "unix:mode", LinkOption.NOFOLLOW_LINKS) & 0170000)
                .isEqualTo(0010000);
    }

    @Test
    void existingFileIsAnErrorWithErrnoAndText() {
        assertThatThrownBy(() -> SpecialFiles.createFifo(tmp, 0600))
                .isInstanceOf(ErrnoException.class)
                .satisfies(e -> assertThat(((ErrnoException) e).errno()).isEqualTo(ErrnoException.EEXIST))
                .hasMessageContaining("mknod(" + tmp + ")")
                .hasMessageContaining("File exists");
    }

    @Test
    void xattrsRoundTripIncludingTrustedNamesAndLinksThemselves() throws Exception {
        assumeTrue(ProcessIdentity.isRoot(), "trusted.* attributes need root");
        Path dir = Files.createDirectory(tmp.resolve("dir"));
        Xattrs.set(dir, "trusted.overlay.opaque", "y".getBytes(StandardCharsets.US_ASCII));
        Xattrs.set(dir, "user.note", new byte[] {0, 1, (byte) 0xff});
        assertThat(Xattrs.get(dir, "trusted.overlay.opaque")).hasValueSatisfying(
                v -> assertThat(v).containsExactly('y'));
        assertThat(Xattrs.get(dir, "user.note")).hasValueSatisfying(
                v -> assertThat(v).containsExactly(0, 1, 0xff));
        assertThat(Xattrs.get(dir, "user.absent")).isEmpty();
        assertThat(Xattrs.list(dir)).contains("trusted.overlay.opaque", "user.note");

        // the l* calls never reach through a link: the link's target keeps no attribute of the link
        Path file = Files.writeString(tmp.resolve("file"), "x");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), file);
        Xattrs.set(link, "trusted.mark", new byte[] {1});
        assertThat(Xattrs.get(link, "trusted.mark")).isPresent();
        assertThat(Xattrs.get(file, "trusted.mark")).isEmpty();
        assertThat(Xattrs.list(file)).doesNotContain("trusted.mark");
    }

    @Test
    void lchownChangesTheLinkNotItsTarget() throws Exception {
        assumeTrue(ProcessIdentity.isRoot(), "chown needs root");
        Path file = Files.writeString(tmp.resolve("file"), "x");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), file);
        FileMetadata.lchown(link, 1000, 1001);
        assertThat(Files.getAttribute(link, "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(1000);
        assertThat(Files.getAttribute(link, "unix:gid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(1001);
        assertThat(Files.getAttribute(file, "unix:uid", LinkOption.NOFOLLOW_LINKS)).isEqualTo(0);
    }

    @Test
    void chmodSetsSetuidSetgidAndSticky() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        FileMetadata.chmod(file, 06755);
        assertThat((int) Files.getAttribute(file, "unix:mode") & 07777).isEqualTo(06755);
        Path dir = Files.createDirectory(tmp.resolve("dir"));
        FileMetadata.chmod(dir, 01777);
        assertThat((int) Files.getAttribute(dir, "unix:mode") & 07777).isEqualTo(01777);
    }

    @Test
    void tmpfsMountsAndUnmounts() throws Exception {
        assumeTrue(ProcessIdentity.isRoot(), "mount needs root");
        Path target = Files.createDirectory(tmp.resolve("mnt"));
        Mounts.mount("tmpfs", target, "tmpfs", Mounts.MS_NOSUID | Mounts.MS_NODEV, "size=1m,mode=0750");
        try {
            Files.writeString(target.resolve("inside"), "x");
            assertThat(Files.getFileStore(target).type()).isEqualTo("tmpfs");
            assertThat((int) Files.getAttribute(target, "unix:mode") & 07777).isEqualTo(0750);
        } finally {
            Mounts.unmount(target, 0);
        }
        assertThat(target.resolve("inside")).doesNotExist();
        assertThatThrownBy(() -> Mounts.unmount(target, Mounts.MNT_DETACH))
                .isInstanceOf(ErrnoException.class)
                .hasMessageContaining("umount2(" + target + ")")
                .satisfies(e -> assertThat(((ErrnoException) e).errno()).isEqualTo(ErrnoException.EINVAL));
    }

    @Test
    void bindMountShowsTheSource() throws Exception {
        assumeTrue(ProcessIdentity.isRoot(), "mount needs root");
        Path source = Files.createDirectory(tmp.resolve("src"));
        Files.writeString(source.resolve("seen"), "hello");
        Path target = Files.createDirectory(tmp.resolve("dst"));
        Mounts.bind(source, target, false);
        try {
            assertThat(target.resolve("seen")).hasContent("hello");
        } finally {
            Mounts.unmount(target, Mounts.MNT_DETACH);
        }
        assertThat(target.resolve("seen")).doesNotExist();
    }

    @Test
    void effectiveUidMatchesTheOwnerOfNewFiles() throws Exception {
        Path file = Files.writeString(tmp.resolve("mine"), "x");
        assertThat(ProcessIdentity.effectiveUid()).isEqualTo(Files.getAttribute(file, "unix:uid"));
    }

    @Test
    void timesOfLinksAndPipesAreSetWithoutOpeningOrFollowing() throws Exception {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        Path link = Files.createSymbolicLink(tmp.resolve("link"), file);
        Path fifo = tmp.resolve("pipe");
        SpecialFiles.createFifo(fifo, 0600);
        java.nio.file.attribute.FileTime before = Files.getLastModifiedTime(file);
        java.nio.file.attribute.FileTime when = java.nio.file.attribute.FileTime.from(
                java.time.Instant.parse("2001-02-03T04:05:06.123456789Z"));
        FileMetadata.setTimes(link, when, when);
        FileMetadata.setTimes(fifo, when, when);
        assertThat(Files.getLastModifiedTime(link, LinkOption.NOFOLLOW_LINKS)).isEqualTo(when);
        assertThat(Files.getLastModifiedTime(fifo, LinkOption.NOFOLLOW_LINKS)).isEqualTo(when);
        assertThat(Files.getLastModifiedTime(file)).isEqualTo(before);
    }
}

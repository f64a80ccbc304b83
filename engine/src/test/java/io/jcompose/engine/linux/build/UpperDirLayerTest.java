package io.jcompose.engine.linux.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jcompose.engine.linux.image.ImageStore;
import io.jcompose.engine.linux.image.StoredImage;
import io.jcompose.engine.linux.store.StoreLayout;
import io.jcompose.engine.linux.sys.FileMetadata;
import io.jcompose.engine.linux.sys.Mounts;
import io.jcompose.engine.linux.sys.ProcessIdentity;
import io.jcompose.engine.linux.sys.Xattrs;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpperDirLayerTest {

    @TempDir
    Path tmp;

    private Path lower;
    private Path upper;
    private Path merged;

    @BeforeEach
    void overlay() throws IOException {
        assumeTrue(ProcessIdentity.isRoot(), "overlay mounts, owners and trusted.* attributes need root");
        lower = Files.createDirectories(tmp.resolve("lower"));
        upper = Files.createDirectories(tmp.resolve("upper"));
        merged = Files.createDirectories(tmp.resolve("merged"));
        Files.createDirectories(tmp.resolve("work"));
        Files.writeString(lower.resolve("gone.txt"), "old");
        Files.createDirectories(lower.resolve("replaced"));
        Files.writeString(lower.resolve("replaced/old.txt"), "old");
        Files.createDirectories(lower.resolve("kept"));
        Files.writeString(lower.resolve("kept/a.txt"), "a");
    }

    /** Makes changes through a real overlay mount, so that the upper dir has the kernel's whiteouts. */
    private void changeThroughOverlay() throws IOException {
        Mounts.mount("overlay", merged, "overlay", 0, "lowerdir=" + lower + ",upperdir=" + upper + ",workdir="
                + tmp.resolve("work"));
        try {
            Files.delete(merged.resolve("gone.txt"));
            Files.delete(merged.resolve("replaced/old.txt"));
            Files.delete(merged.resolve("replaced"));
            Files.createDirectory(merged.resolve("replaced"));
            Files.writeString(merged.resolve("replaced/new.txt"), "new");
            Path owned = merged.resolve("kept/owned.txt");
            Files.writeString(owned, "mine");
            FileMetadata.lchown(owned, 1000, 1001);
            FileMetadata.chmod(owned, 04750);
            Xattrs.set(owned, "user.note", "hi".getBytes(StandardCharsets.UTF_8));
            Files.createLink(merged.resolve("kept/hard.txt"), owned);
            Files.createSymbolicLink(merged.resolve("link"), Path.of("kept/owned.txt"));
        } finally {
            Mounts.unmount(merged, 0);
        }
    }

    private Map<String, TarArchiveEntry> entries(byte[] tar) throws IOException {
        Map<String, TarArchiveEntry> out = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            for (TarArchiveEntry e; (e = in.getNextEntry()) != null; ) {
                out.put(e.getName(), e);
            }
        }
        return out;
    }

    @Test
    void whiteoutsOpaqueDirectoriesOwnersModesXattrsAndLinksBecomeTarEntries() throws IOException {
        changeThroughOverlay();
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        UpperDirLayer.writeTar(upper, tar);
        Map<String, TarArchiveEntry> entries = entries(tar.toByteArray());

        assertThat(entries).containsKeys(".wh.gone.txt", "replaced/", "replaced/.wh..wh..opq", "replaced/new.txt");
        assertThat(entries).doesNotContainKeys("replaced/.wh.old.txt", "kept/a.txt");
        // the marker comes right after its directory, before the directory's new content
        assertThat(entries.keySet().stream().toList()).containsSubsequence("replaced/", "replaced/.wh..wh..opq",
                "replaced/new.txt");
        TarArchiveEntry hard = entries.get("kept/hard.txt");
        TarArchiveEntry owned = entries.get("kept/owned.txt");
        // hard.txt sorts first, so it carries the content and owned.txt links to it
        assertThat(hard.isFile()).isTrue();
        assertThat(hard.getLongUserId()).isEqualTo(1000);
        assertThat(hard.getLongGroupId()).isEqualTo(1001);
        assertThat(hard.getMode() & 07777).isEqualTo(04750);
        assertThat(hard.getExtraPaxHeaders()).containsEntry("SCHILY.xattr.user.note", "hi");
        assertThat(owned.isLink()).isTrue();
        assertThat(owned.getLinkName()).isEqualTo("kept/hard.txt");
        assertThat(entries.get("link").isSymbolicLink()).isTrue();
        assertThat(entries.get("link").getLinkName()).isEqualTo("kept/owned.txt");
        assertThat(entries.values()).allSatisfy(e -> assertThat(e.getExtraPaxHeaders().keySet())
                .noneMatch(k -> k.contains("trusted.overlay")));
    }

    @Test
    void theSameFilesGiveTheSameTar() throws IOException {
        changeThroughOverlay();
        ByteArrayOutputStream a = new ByteArrayOutputStream();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        UpperDirLayer.writeTar(upper, a);
        UpperDirLayer.writeTar(upper, b);
        assertThat(a.toByteArray()).isEqualTo(b.toByteArray());
    }

    @Test
    void storedLayerHasOverlayWhiteoutsAgainAndAPushableBlob() throws IOException {
        changeThroughOverlay();
        ImageStore store = new ImageStore(new StoreLayout(tmp.resolve("store"), tmp.resolve("run")));
        StoredImage.Layer layer = UpperDirLayer.store(upper, store);

        Path diff = store.layerDir(layer.diffId());
        Map<String, Object> whiteout = Files.readAttributes(diff.resolve("gone.txt"), "unix:mode,rdev",
                LinkOption.NOFOLLOW_LINKS);
        assertThat((Integer) whiteout.get("mode") & 0170000).isEqualTo(0020000);
        assertThat((Long) whiteout.get("rdev")).isZero();
        assertThat(Xattrs.get(diff.resolve("replaced"), "trusted.overlay.opaque")).hasValueSatisfying(
                v -> assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("y"));
        assertThat(Files.readString(diff.resolve("kept/owned.txt"))).isEqualTo("mine");
        assertThat(Files.getAttribute(diff.resolve("kept/owned.txt"), "unix:uid")).isEqualTo(1000);
        assertThat(layer.blobDigest()).isPresent();
        assertThat(store.hasBlob(layer.blobDigest().get())).isTrue();
    }
}

package io.jcompose.engine.linux.layer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jcompose.engine.linux.image.Digests;
import io.jcompose.engine.linux.image.ImageStore;
import io.jcompose.engine.linux.store.StoreLayout;
import io.jcompose.engine.linux.sys.ProcessIdentity;
import io.jcompose.engine.linux.sys.Xattrs;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import java.util.stream.Collectors;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LayerUnpackerTest {

    private static final LinkOption NOFOLLOW = LinkOption.NOFOLLOW_LINKS;

    @TempDir
    Path tmp;

    private Path layer;

    @BeforeEach
    void needsRoot() throws IOException {
        // owners, whiteouts (mknod) and trusted.* attributes are root's business, as for every image store
        assumeTrue(ProcessIdentity.isRoot(), "unpacking layers needs root");
        layer = Files.createDirectories(tmp.resolve("sandbox/layer/diff"));
    }

    private ImageStore.LayerContent unpack(byte[] data) throws IOException {
        return LayerUnpacker.forImageLayers().unpack(new ByteArrayInputStream(data), layer);
    }

    private static TarBuilder simpleLayer() {
        return new TarBuilder().dir("etc").file("etc/hostname", "box\n").file("hello.txt", "hello world");
    }

    @Test
    void plainGzipAndZstdGiveTheSameFilesAndTheDigestOfTheUncompressedTar() throws IOException {
        byte[] tar = simpleLayer().tar();
        String expected = Digests.of(tar);
        for (byte[] data : List.of(tar, TarBuilder.gzip(tar), TarBuilder.zstd(tar))) {
            ImageStore.deleteTree(layer);
            Files.createDirectories(layer);
            ImageStore.LayerContent content = unpack(data);
            assertThat(content.diffId()).isEqualTo(expected);
            assertThat(content.size()).isEqualTo("box\n".length() + "hello world".length());
            assertThat(layer.resolve("etc/hostname")).hasContent("box\n");
            assertThat(layer.resolve("hello.txt")).hasContent("hello world");
        }
        assertThat(Compression.detect(TarBuilder.gzip(tar))).isEqualTo(Compression.GZIP);
        assertThat(Compression.detect(TarBuilder.zstd(tar))).isEqualTo(Compression.ZSTD);
        assertThat(Compression.detect(tar)).isEqualTo(Compression.NONE);
    }

    @Test
    void digestCoversPaddingAfterTheEndOfArchive() throws IOException {
        byte[] tar = simpleLayer().tar();
        byte[] padded = java.util.Arrays.copyOf(tar, tar.length + 10240);
        assertThat(unpack(padded).diffId()).isEqualTo(Digests.of(padded)).isNotEqualTo(Digests.of(tar));
    }

    @Test
    void alreadyUncompressedStreamsUnpackTheSameWay() throws IOException {
        byte[] tar = simpleLayer().tar();
        ImageStore.LayerContent content = LayerUnpacker.forImageLayers()
                .unpackTar(new ByteArrayInputStream(tar), layer);
        assertThat(content.diffId()).isEqualTo(Digests.of(tar));
        assertThat(layer.resolve("hello.txt")).hasContent("hello world");
    }

    @Test
    void ownersModesTimesLinksFifosAndXattrsAreKept() throws IOException {
        FileTime dirTime = FileTime.from(java.time.Instant.parse("2020-01-02T03:04:05Z"));
        byte[] tar = new TarBuilder()
                .dir("home/app", 0750, e -> {
                    e.setUserId(1000);
                    e.setGroupId(1000);
                    e.setModTime(dirTime);
                })
                .file("home/app/run", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8), 04755, e -> {
                    e.setUserId(1000);
                    e.setGroupId(1000);
                    e.addPaxHeader("SCHILY.xattr.user.origin", "test");
                })
                .dir("tmp", 01777, e -> { })
                .file("usr/bin/sgid", new byte[] {1, 2, 3}, 02711, e -> e.setGroupId(50))
                .symlink("home/app/current", "/home/app/run")
                .hardlink("home/app/run-again", "home/app/run")
                .fifo("home/app/pipe", 0620)
                .tar();
        ImageStore.LayerContent content = unpack(tar);

        Path app = layer.resolve("home/app");
        assertThat(mode(app)).isEqualTo(0750);
        assertThat(owner(app)).isEqualTo("1000:1000");
        assertThat(Files.getLastModifiedTime(app, NOFOLLOW)).isEqualTo(dirTime);
        Path run = app.resolve("run");
        assertThat(mode(run)).isEqualTo(04755);
        assertThat(owner(run)).isEqualTo("1000:1000");
        assertThat(Files.getLastModifiedTime(run, NOFOLLOW).toInstant()).isEqualTo(TarBuilder.TIME);
        assertThat(Xattrs.get(run, "user.origin")).hasValueSatisfying(
                v -> assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("test"));
        assertThat(mode(layer.resolve("tmp"))).isEqualTo(01777);
        assertThat(mode(layer.resolve("usr/bin/sgid"))).isEqualTo(02711);
        assertThat(owner(layer.resolve("usr/bin/sgid"))).isEqualTo("0:50");
        // implicit parents get the usual directory mode
        assertThat(mode(layer.resolve("usr/bin"))).isEqualTo(0755);

        Path current = app.resolve("current");
        assertThat(Files.isSymbolicLink(current)).isTrue();
        assertThat(Files.readSymbolicLink(current)).isEqualTo(Path.of("/home/app/run"));
        assertThat(Files.getLastModifiedTime(current, NOFOLLOW).toInstant()).isEqualTo(TarBuilder.TIME);
        assertThat(Files.getAttribute(app.resolve("run-again"), "unix:ino"))
                .isEqualTo(Files.getAttribute(run, "unix:ino"));
        assertThat(Files.getAttribute(run, "unix:nlink")).isEqualTo(2);
        assertThat((int) Files.getAttribute(app.resolve("pipe"), "unix:mode", NOFOLLOW) & 0170000)
                .isEqualTo(0010000);
        assertThat(mode(app.resolve("pipe"))).isEqualTo(0620);
        // regular file bytes, hard links counted once
        assertThat(content.size()).isEqualTo("#!/bin/sh\n".length() + 3);
    }

    @Test
    void longNamesInGnuAndPaxForm() throws IOException {
        String deep = "a".repeat(80) + "/" + "b".repeat(80) + "/" + "c".repeat(120) + ".txt";
        for (TarBuilder builder : List.of(new TarBuilder(), new TarBuilder().gnuLongNames())) {
            ImageStore.deleteTree(layer);
            Files.createDirectories(layer);
            unpack(builder.file(deep, "deep").symlink("link-" + "d".repeat(120), "x".repeat(150)).tar());
            assertThat(layer.resolve(deep)).hasContent("deep");
            assertThat(Files.readSymbolicLink(layer.resolve("link-" + "d".repeat(120))).toString())
                    .isEqualTo("x".repeat(150));
        }
    }

    @Test
    void whiteoutsBecomeCharacterDevicesAndOpaqueMarkersAnAttribute() throws IOException {
        byte[] tar = new TarBuilder()
                .dir("etc")
                .file("etc/.wh.motd", "")
                .dir("var/cache")
                .file("var/cache/.wh..wh..opq", "")
                .file(".wh..wh.plnk", "")
                .file("new", "n")
                .tar();
        unpack(tar);
        Path motd = layer.resolve("etc/motd");
        Map<String, Object> attrs = Files.readAttributes(motd, "unix:mode,rdev", NOFOLLOW);
        assertThat((int) attrs.get("mode") & 0170000).isEqualTo(0020000);
        assertThat((long) attrs.get("rdev")).isZero();
        assertThat(layer.resolve("etc/.wh.motd")).doesNotExist();
        assertThat(Xattrs.get(layer.resolve("var/cache"), "trusted.overlay.opaque")).hasValueSatisfying(
                v -> assertThat(v).containsExactly('y'));
        assertThat(layer.resolve("var/cache/.wh..wh..opq")).doesNotExist();
        assertThat(layer.resolve(".wh..wh.plnk")).doesNotExist();
        assertThat(layer.resolve("new")).hasContent("n");
    }

    @Test
    void layersCannotSetOverlayAttributesThemselves() throws IOException {
        unpack(new TarBuilder().dir("d", 0755, e -> e.addPaxHeader("SCHILY.xattr.trusted.overlay.opaque", "y"))
                .tar());
        assertThat(Xattrs.get(layer.resolve("d"), "trusted.overlay.opaque")).isEmpty();
    }

    @Test
    void laterEntriesReplaceEarlierOnesWithoutFollowingLinks() throws IOException {
        Path outside = Files.writeString(tmp.resolve("outside-file"), "untouched");
        unpack(new TarBuilder()
                .symlink("f", outside.toString())
                .file("f", "replaced")
                .tar());
        assertThat(Files.isSymbolicLink(layer.resolve("f"))).isFalse();
        assertThat(layer.resolve("f")).hasContent("replaced");
        assertThat(outside).hasContent("untouched");
    }

    // ---- hostile layers ------------------------------------------------------------------------------------------

    @Test
    void dotDotIsRejected() {
        assertRejected(new TarBuilder().file("../evil", "x"), "../evil");
        assertRejected(new TarBuilder().file("a/../../evil", "x"), "a/../../evil");
        assertThat(tmp.resolve("sandbox/layer/evil")).doesNotExist();
        assertThat(tmp.resolve("sandbox/evil")).doesNotExist();
    }

    @Test
    void absolutePathsAreRejected() {
        String name = "/etc/jcompose-evil-" + UUID.randomUUID();
        assertRejected(new TarBuilder().file(name, "x"), name);
        assertThat(Path.of(name)).doesNotExist();
    }

    @Test
    void pathsThroughSymlinksAreRejected() {
        String evil = "jcompose-evil-" + UUID.randomUUID();
        assertRejected(new TarBuilder().symlink("x", "/").file("x/tmp/" + evil, "x"), "x/tmp/" + evil);
        assertThat(Path.of("/tmp", evil)).doesNotExist();
        assertRejected(new TarBuilder().symlink("up", "..").dir("up/" + evil), "up/" + evil + "/");
        assertThat(tmp.resolve("sandbox/layer/" + evil)).doesNotExist();
        assertRejected(new TarBuilder().symlink("x", "/").hardlink("y", "x/etc/passwd"), "y");
        assertRejected(new TarBuilder().symlink("x", "/").file("x/.wh." + evil, ""), "x/.wh." + evil);
    }

    @Test
    void hardLinksOutsideTheLayerAreRejected() {
        assertRejected(new TarBuilder().hardlink("passwd", "../../etc/passwd"), "passwd");
        assertRejected(new TarBuilder().hardlink("passwd", "/etc/passwd"), "passwd");
        assertRejected(new TarBuilder().hardlink("early", "later").file("later", "x"), "early");
        assertRejected(new TarBuilder().dir("d").hardlink("d2", "d"), "d2");
        assertThat(layer.resolve("passwd")).doesNotExist();
    }

    @Test
    void deviceNodesAreRejectedInImageLayersAndSkippedInImports() throws IOException {
        TarBuilder withDevice = new TarBuilder().dir("dev").charDevice("dev/null", 1, 3).file("ok", "ok");
        assertRejected(withDevice, "dev/null");
        ImageStore.deleteTree(layer);
        Files.createDirectories(layer);
        new LayerUnpacker(LayerUnpacker.DeviceNodes.SKIP).unpack(new ByteArrayInputStream(withDevice.tar()), layer);
        assertThat(layer.resolve("dev/null")).doesNotExist();
        assertThat(layer.resolve("ok")).hasContent("ok");
    }

    @Test
    void aRejectedLayerLeavesNothingInTheStore() throws IOException {
        ImageStore store = new ImageStore(new StoreLayout(tmp.resolve("root"), tmp.resolve("run")));
        byte[] hostile = new TarBuilder().file("fine", "x").file("../evil", "x").tar();
        assertThatThrownBy(() -> store.addLayer(Optional.empty(),
                dir -> LayerUnpacker.forImageLayers().unpack(new ByteArrayInputStream(hostile), dir)))
                .isInstanceOf(RejectedEntryException.class);
        assertThat(listing(tmp.resolve("root/layers"))).isEmpty();
        assertThat(listing(tmp.resolve("root/tmp"))).isEmpty();
        assertThat(tmp.resolve("root/evil")).doesNotExist();
        assertThat(tmp.resolve("root/tmp/evil")).doesNotExist();
    }

    private void assertRejected(TarBuilder builder, String entry) {
        try {
            Set<Path> before = listing(tmp);
            assertThatThrownBy(() -> unpack(builder.tar()))
                    .isInstanceOf(RejectedEntryException.class)
                    .hasMessageContaining("\"" + entry + "\"");
            Set<Path> after = listing(tmp);
            after.removeIf(p -> p.startsWith(layer));
            before.removeIf(p -> p.startsWith(layer));
            assertThat(after).isEqualTo(before);
            ImageStore.deleteTree(layer);
            Files.createDirectories(layer);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Everything below {@code dir}. */
    private static Set<Path> listing(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return new HashSet<>();
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !p.equals(dir)).collect(Collectors.toCollection(HashSet::new));
        }
    }

    private static int mode(Path p) throws IOException {
        return (int) Files.getAttribute(p, "unix:mode", NOFOLLOW) & 07777;
    }

    private static String owner(Path p) throws IOException {
        return Files.getAttribute(p, "unix:uid", NOFOLLOW) + ":" + Files.getAttribute(p, "unix:gid", NOFOLLOW);
    }
}

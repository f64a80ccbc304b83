package io.jcompose.engine.linux.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jcompose.engine.linux.image.Digests;
import io.jcompose.engine.linux.image.ImageConfig;
import io.jcompose.engine.linux.image.ImageName;
import io.jcompose.engine.linux.image.ImageStore;
import io.jcompose.engine.linux.image.StoredImage;
import io.jcompose.engine.linux.layer.TarBuilder;
import io.jcompose.engine.linux.store.StoreLayout;
import io.jcompose.engine.linux.sys.ProcessIdentity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootfsImporterTest {

    private static final Instant NOW = Instant.parse("2025-05-06T07:08:09Z");

    @TempDir
    Path tmp;

    private ImageStore store;
    private final RootfsImporter importer = new RootfsImporter(Clock.fixed(NOW, ZoneOffset.UTC));

    private final byte[] rootfs = new TarBuilder()
            .dir("./")
            .dir("./bin").file("./bin/sh", "#!fake shell\n".getBytes(), 0755, e -> { })
            .dir("./dev").charDevice("./dev/null", 1, 3)
            .dir("./etc").file("./etc/hostname", "imported\n")
            .tar();

    @BeforeEach
    void setUp() {
        assumeTrue(ProcessIdentity.isRoot(), "unpacking layers needs root");
        store = new ImageStore(new StoreLayout(tmp.resolve("root"), tmp.resolve("run")));
    }

    @Test
    void importsOneLayerWithTheChangesApplied() throws IOException {
        StoredImage image = importer.importRootfs(new ByteArrayInputStream(TarBuilder.gzip(rootfs)),
                List.of("CMD [\"/bin/sh\"]", "ENTRYPOINT /bin/sh -c", "ENV A=1 B=2", "ENV C three",
                        "WORKDIR /srv", "EXPOSE 80 53/udp", "VOLUME /data", "USER nobody", "LABEL team=core",
                        "STOPSIGNAL SIGTERM"),
                Optional.of(ImageName.parse("imported/app:1")), store, Optional.of("from a test"));

        ImageConfig config = image.config();
        assertThat(config.cmd()).contains(List.of("/bin/sh"));
        assertThat(config.entrypoint()).contains(List.of("/bin/sh", "-c", "/bin/sh -c"));
        assertThat(config.envMap()).isEqualTo(Map.of("A", "1", "B", "2", "C", "three"));
        assertThat(config.workingDir()).isEqualTo("/srv");
        assertThat(config.exposedPorts()).containsExactly("80/tcp", "53/udp");
        assertThat(config.volumes()).containsExactly("/data");
        assertThat(config.user()).isEqualTo("nobody");
        assertThat(config.labels()).isEqualTo(Map.of("team", "core"));
        assertThat(config.stopSignal()).contains("SIGTERM");
        assertThat(config.created()).contains(NOW);
        assertThat(config.diffIds()).containsExactly(image.layers().getFirst().diffId());
        assertThat(image.repoTags()).containsExactly("docker.io/imported/app:1");

        JsonNode json = new ObjectMapper().readTree(store.readBlob(image.id()));
        assertThat(json.path("history")).hasSize(1);
        assertThat(json.path("history").get(0).path("comment").asText()).isEqualTo("from a test");

        Path layer = store.layerDir(image.layers().getFirst().diffId());
        assertThat(layer.resolve("etc/hostname")).hasContent("imported\n");
        assertThat(layer.resolve("bin/sh")).isExecutable();
        assertThat(layer.resolve("dev")).isDirectory();
        assertThat(layer.resolve("dev/null")).as("device nodes are left out").doesNotExist();
    }

    @Test
    void anUnsupportedChangeFailsBeforeAnythingIsUnpacked() {
        assertThatThrownBy(() -> importer.importRootfs(new ByteArrayInputStream(rootfs),
                List.of("CMD sh", "HEALTHCHECK NONE"), Optional.empty(), store, Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("HEALTHCHECK")
                .hasMessageContaining("supported: CMD, ENTRYPOINT");
        assertThat(store.layout().layers()).doesNotExist();
        assertThat(store.list()).isEmpty();
    }

    @Test
    void untaggedImportWithTheDefaultComment() throws IOException {
        StoredImage image = importer.importRootfs(new ByteArrayInputStream(rootfs), List.of(), Optional.empty(),
                store, Optional.empty());
        assertThat(image.repoTags()).isEmpty();
        assertThat(image.config().cmd()).isEmpty();
        assertThat(new ObjectMapper().readTree(store.readBlob(image.id())).path("history").get(0).path("comment")
                .asText()).isEqualTo("Imported from -");
        assertThat(store.find(Digests.shortId(image.id()))).map(StoredImage::id).contains(image.id());
        assertThat(Files.list(store.layout().tmp()).toList()).isEmpty();
    }

    @Test
    void theLayerIsTheTarballWithoutDeviceNodes_keptAsAGzipBlobWhoseContentIsTheDiffId() throws IOException {
        byte[] zstd = TarBuilder.zstd(rootfs);
        StoredImage image = importer.importRootfs(new ByteArrayInputStream(zstd), List.of(), Optional.empty(),
                store, Optional.empty());
        StoredImage.Layer layer = image.layers().getFirst();
        assertThat(layer.mediaType()).contains("application/vnd.docker.image.rootfs.diff.tar.gzip");
        byte[] blob = store.readBlob(layer.blobDigest().orElseThrow());
        assertThat(Digests.of(blob)).isEqualTo(layer.blobDigest().get());
        byte[] tar = gunzip(blob);
        assertThat(Digests.of(tar)).isEqualTo(layer.diffId());
        assertThat(entryNames(tar)).containsExactly("./", "./bin/", "./bin/sh", "./dev/", "./etc/",
                "./etc/hostname");
        assertThat(store.find(image.id()).orElseThrow().layers()).containsExactly(layer);
        assertThat(Files.list(store.layout().tmp()).toList()).isEmpty();

        // the same tarball, however compressed, is the same layer
        StoredImage again = importer.importRootfs(new ByteArrayInputStream(TarBuilder.gzip(rootfs)), List.of(),
                Optional.empty(), store, Optional.empty());
        assertThat(again.layers().getFirst().diffId()).isEqualTo(layer.diffId());
    }

    @Test
    void entriesKeepTheirOwnersModesLinksAndExtendedAttributes() throws IOException {
        byte[] tarball = new TarBuilder()
                .dir("srv")
                .file("srv/data", "secret\n".getBytes(), 0640, e -> {
                    e.setUserId(1234);
                    e.setGroupId(5678);
                    e.addPaxHeader("SCHILY.xattr.user.origin", "imported");
                })
                .hardlink("srv/same", "srv/data")
                .symlink("srv/link", "data")
                .dir("dev").charDevice("dev/console", 5, 1)
                .tar();
        StoredImage image = importer.importRootfs(new ByteArrayInputStream(tarball), List.of(), Optional.empty(),
                store, Optional.empty());
        Path dir = store.layerDir(image.layers().getFirst().diffId());
        Path data = dir.resolve("srv/data");
        assertThat(data).hasContent("secret\n");
        assertThat(Files.getAttribute(data, "unix:uid")).isEqualTo(1234);
        assertThat(Files.getAttribute(data, "unix:gid")).isEqualTo(5678);
        assertThat(Files.getAttribute(data, "unix:mode")).isEqualTo(0100640);
        assertThat(Files.getAttribute(data, "unix:nlink")).isEqualTo(2);
        assertThat(Files.readSymbolicLink(dir.resolve("srv/link"))).isEqualTo(Path.of("data"));
        assertThat(io.jcompose.engine.linux.sys.Xattrs.get(data, "user.origin").map(String::new)).hasValue("imported");
        assertThat(dir.resolve("dev/console")).doesNotExist();
        assertThat(entryNames(gunzip(store.readBlob(image.layers().getFirst().blobDigest().orElseThrow()))))
                .containsExactly("srv/", "srv/data", "srv/same", "srv/link", "dev/");
    }

    @Test
    void aBrokenTarballLeavesNoBlobNorLayer() throws IOException {
        byte[] big = new TarBuilder().file("big", new byte[200_000], 0644, e -> { }).tar();
        // cut in the header, and in the middle of a file's content (after the blob was started)
        for (byte[] truncated : List.of(java.util.Arrays.copyOf(TarBuilder.gzip(rootfs), 40),
                java.util.Arrays.copyOf(big, 100_000))) {
            assertThatThrownBy(() -> importer.importRootfs(new ByteArrayInputStream(truncated), List.of(),
                    Optional.empty(), store, Optional.empty())).isInstanceOf(IOException.class);
        }
        assertThat(store.layout().blobs().resolve("sha256")).satisfiesAnyOf(
                dir -> assertThat(dir).doesNotExist(), dir -> assertThat(dir).isEmptyDirectory());
        assertThat(store.layout().layers()).satisfiesAnyOf(
                dir -> assertThat(dir).doesNotExist(), dir -> assertThat(dir).isEmptyDirectory());
        assertThat(store.layout().tmp()).satisfiesAnyOf(
                dir -> assertThat(dir).doesNotExist(), dir -> assertThat(dir).isEmptyDirectory());
    }

    private static List<String> entryNames(byte[] tar) throws IOException {
        List<String> names = new java.util.ArrayList<>();
        try (var in = new org.apache.commons.compress.archivers.tar.TarArchiveInputStream(
                new ByteArrayInputStream(tar))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        return names;
    }

    static byte[] gunzip(byte[] gzip) throws IOException {
        try (var in = new java.util.zip.GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        }
    }
}

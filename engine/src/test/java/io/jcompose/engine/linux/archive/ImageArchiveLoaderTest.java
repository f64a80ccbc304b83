package io.jcompose.engine.linux.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcompose.engine.linux.image.DigestMismatchException;
import io.jcompose.engine.linux.image.Digests;
import io.jcompose.engine.linux.image.ImageStore;
import io.jcompose.engine.linux.image.StoredImage;
import io.jcompose.engine.linux.layer.TarBuilder;
import io.jcompose.engine.linux.store.StoreLayout;
import io.jcompose.engine.linux.sys.ProcessIdentity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageArchiveLoaderTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private ImageStore store;
    private final List<String> progress = new ArrayList<>();

    private final byte[] base = new TarBuilder().dir("etc").file("etc/os-release", "ID=test\n").tar();
    private final byte[] app = new TarBuilder().dir("app").file("app/run.sh", "echo hi\n").tar();

    @BeforeEach
    void setUp() {
        assumeTrue(ProcessIdentity.isRoot(), "unpacking layers needs root");
        store = new ImageStore(new StoreLayout(tmp.resolve("root"), tmp.resolve("run")));
    }

    private List<StoredImage> load(byte[] archive) throws IOException {
        return new ImageArchiveLoader().load(new ByteArrayInputStream(archive), store, progress::add);
    }

    private static byte[] config(String cmd, byte[]... layers) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("architecture", "amd64");
        root.put("os", "linux");
        root.put("created", "2024-01-01T00:00:00Z");
        root.putObject("config").putArray("Cmd").add(cmd);
        ObjectNode rootfs = root.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        for (byte[] layer : layers) {
            diffIds.add(Digests.of(layer));
        }
        return JSON.writeValueAsBytes(root);
    }

    private static String hex(byte[] content) {
        return Digests.hex(Digests.of(content));
    }

    // ---- docker save ---------------------------------------------------------------------------------------------

    /** The classic layout: one directory per layer, config as {@code <hex>.json}, the manifest written last. */
    private byte[] dockerSave() throws IOException {
        byte[] tagged = config("/app/run.sh", base, app);
        byte[] untagged = config("sh", base);
        String manifest = "[{\"Config\":\"" + hex(tagged) + ".json\",\"RepoTags\":[\"example/app:1\"],"
                + "\"Layers\":[\"aaa/layer.tar\",\"bbb/layer.tar\"]},"
                + "{\"Config\":\"" + hex(untagged) + ".json\",\"RepoTags\":null,\"Layers\":[\"ccc/layer.tar\"]}]";
        return new TarBuilder()
                .dir("aaa").file("aaa/layer.tar", base, 0644, e -> { })
                .dir("bbb").file("bbb/layer.tar", app, 0644, e -> { })
                // docker save repeats a layer as a link to its first copy
                .dir("ccc").symlink("ccc/layer.tar", "../aaa/layer.tar")
                .file(hex(tagged) + ".json", tagged, 0644, e -> { })
                .file(hex(untagged) + ".json", untagged, 0644, e -> { })
                .file("manifest.json", manifest.getBytes(StandardCharsets.UTF_8), 0644, e -> { })
                .tar();
    }

    @Test
    void dockerSaveArchiveLoadsEveryImageWithItsTags() throws IOException {
        List<StoredImage> images = load(TarBuilder.gzip(dockerSave()));

        assertThat(images).hasSize(2);
        StoredImage tagged = images.getFirst();
        assertThat(tagged.repoTags()).containsExactly("docker.io/example/app:1");
        assertThat(tagged.diffIds()).containsExactly(Digests.of(base), Digests.of(app));
        assertThat(tagged.config().cmd()).contains(List.of("/app/run.sh"));
        assertThat(store.layerDir(Digests.of(app)).resolve("app/run.sh")).hasContent("echo hi\n");
        assertThat(store.layerDir(Digests.of(base)).resolve("etc/os-release")).hasContent("ID=test\n");
        assertThat(store.find("example/app:1")).map(StoredImage::id).contains(tagged.id());
        StoredImage untagged = images.get(1);
        assertThat(untagged.repoTags()).isEmpty();
        assertThat(progress).containsExactly("Loaded image: example/app:1", "Loaded image ID: " + untagged.id());
        assertThat(children(store.layout().tmp())).as("the spooled archive is gone").isEmpty();
        assertPushable(tagged);
        assertPushable(untagged);
    }

    /** Every layer has a gzip blob in the store whose uncompressed content is the layer's diff id. */
    private void assertPushable(StoredImage image) throws IOException {
        for (StoredImage.Layer layer : store.find(image.id()).orElseThrow().layers()) {
            assertThat(layer.mediaType()).contains("application/vnd.docker.image.rootfs.diff.tar.gzip");
            byte[] blob = store.readBlob(layer.blobDigest().orElseThrow());
            assertThat(Digests.of(blob)).isEqualTo(layer.blobDigest().get());
            assertThat(Digests.of(RootfsImporterTest.gunzip(blob))).isEqualTo(layer.diffId());
        }
    }

    @Test
    void loadingAgainReusesTheLayersAndMovesTheTag() throws IOException {
        // the second archive does not even hold the layers: those in the store are not read again
        load(dockerSave());
        byte[] other = config("other", base, app);
        String manifest = "[{\"Config\":\"blobs/sha256/" + hex(other) + "\",\"RepoTags\":[\"example/app:1\"],"
                + "\"Layers\":[\"blobs/sha256/" + hex(base) + "\",\"blobs/sha256/" + hex(app) + "\"]}]";
        byte[] archive = new TarBuilder()
                .file("manifest.json", manifest.getBytes(StandardCharsets.UTF_8), 0644, e -> { })
                .file("blobs/sha256/" + hex(other), other, 0644, e -> { })
                .tar();
        String oldId = store.find("example/app:1").orElseThrow().id();
        progress.clear();
        StoredImage loaded = load(archive).getFirst();
        assertThat(loaded.id()).isEqualTo(Digests.of(other)).isNotEqualTo(oldId);
        assertThat(progress).containsExactly("The image example/app:1 already exists, renaming the old one with ID "
                + oldId + " to empty string", "Loaded image: example/app:1");
        assertPushable(loaded);
    }

    @Test
    void aLayerUnpackedBeforeWithoutABlobGetsOneFromTheArchive() throws IOException {
        // an image import made without blobs (an older jcompose) left the layer unpacked, with no blob recorded
        store.addLayer(java.util.Optional.empty(), dir -> io.jcompose.engine.linux.layer.LayerUnpacker
                .forImageLayers().unpack(new ByteArrayInputStream(base), dir));
        StoredImage loaded = load(dockerSave()).getFirst();
        assertPushable(loaded);
    }

    @Test
    void aLayerThatIsNotItsDiffIdIsRejectedAndNothingKept() throws IOException {
        byte[] cfg = config("sh", base);
        String manifest = "[{\"Config\":\"c.json\",\"RepoTags\":[\"bad:1\"],\"Layers\":[\"l/layer.tar\"]}]";
        byte[] archive = new TarBuilder()
                .file("manifest.json", manifest.getBytes(StandardCharsets.UTF_8), 0644, e -> { })
                .file("c.json", cfg, 0644, e -> { })
                .file("l/layer.tar", app, 0644, e -> { })
                .tar();
        assertThatThrownBy(() -> load(archive)).isInstanceOf(DigestMismatchException.class);
        assertNothingStored();
    }

    // ---- OCI image layout ----------------------------------------------------------------------------------------

    /** Blobs of an OCI layout: gzip layers, a manifest, a nested index with an arm64 decoy, index.json on top. */
    private Map<String, byte[]> ociBlobs() throws IOException {
        byte[] baseGz = TarBuilder.gzip(base);
        byte[] appZst = TarBuilder.zstd(app);
        byte[] cfg = config("/app/run.sh", base, app);
        ObjectNode manifest = JSON.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        descriptor(manifest.putObject("config"), "application/vnd.oci.image.config.v1+json", cfg);
        ArrayNode layers = manifest.putArray("layers");
        descriptor(layers.addObject(), "application/vnd.oci.image.layer.v1.tar+gzip", baseGz);
        descriptor(layers.addObject(), "application/vnd.oci.image.layer.v1.tar+zstd", appZst);
        byte[] manifestBytes = JSON.writeValueAsBytes(manifest);

        ObjectNode nested = JSON.createObjectNode();
        nested.put("schemaVersion", 2);
        nested.put("mediaType", "application/vnd.oci.image.index.v1+json");
        ArrayNode platforms = nested.putArray("manifests");
        ObjectNode decoy = platforms.addObject();
        decoy.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        decoy.put("digest", "sha256:" + "0".repeat(64));
        decoy.put("size", 1);
        decoy.putObject("platform").put("os", "linux").put("architecture", "not-this-machine");
        ObjectNode ours = descriptor(platforms.addObject(), "application/vnd.oci.image.manifest.v1+json",
                manifestBytes);
        ours.putObject("platform").put("os", "linux").put("architecture", HostPlatform.architecture());
        byte[] nestedBytes = JSON.writeValueAsBytes(nested);

        ObjectNode index = JSON.createObjectNode();
        index.put("schemaVersion", 2);
        ObjectNode top = descriptor(index.putArray("manifests").addObject(),
                "application/vnd.oci.image.index.v1+json", nestedBytes);
        top.putObject("annotations").put("io.containerd.image.name", "localhost:5000/team/app:2")
                .put("org.opencontainers.image.ref.name", "2");

        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
        files.put("index.json", JSON.writeValueAsBytes(index));
        for (byte[] blob : List.of(baseGz, appZst, cfg, manifestBytes, nestedBytes)) {
            files.put("blobs/sha256/" + hex(blob), blob);
        }
        return files;
    }

    private static ObjectNode descriptor(ObjectNode node, String mediaType, byte[] content) {
        node.put("mediaType", mediaType);
        node.put("digest", Digests.of(content));
        node.put("size", content.length);
        return node;
    }

    private static byte[] archive(Map<String, byte[]> files) {
        TarBuilder tar = new TarBuilder();
        files.forEach((name, content) -> tar.file(name, content, 0644, e -> { }));
        return tar.tar();
    }

    @Test
    void ociLayoutLoadsThePlatformsImageFromANestedIndex() throws IOException {
        StoredImage image = load(TarBuilder.zstd(archive(ociBlobs()))).getFirst();
        assertThat(image.repoTags()).containsExactly("localhost:5000/team/app:2");
        assertThat(image.diffIds()).containsExactly(Digests.of(base), Digests.of(app));
        assertThat(image.config().cmd()).contains(List.of("/app/run.sh"));
        assertThat(store.layerDir(Digests.of(app)).resolve("app/run.sh")).hasContent("echo hi\n");
        assertThat(progress).containsExactly("Loaded image: localhost:5000/team/app:2");
        assertPushable(image);
        // a gzip layer is kept as the layout has it; the zstd one is gzipped for registries that know no zstd
        assertThat(image.layers().getFirst().blobDigest()).contains(Digests.of(TarBuilder.gzip(base)));
        assertThat(image.layers().get(1).blobDigest()).isNotEqualTo(Digests.of(TarBuilder.zstd(app)));
    }

    @Test
    void aCorruptedLayerBlobIsRejectedWithNothingStored() throws IOException {
        Map<String, byte[]> files = ociBlobs();
        // the second layer is corrupted: the first, sound one must not stay behind either
        String appBlob = "blobs/sha256/" + hex(TarBuilder.zstd(app));
        byte[] corrupted = TarBuilder.zstd(new TarBuilder().file("app/run.sh", "rm -rf /\n").tar());
        files.put(appBlob, corrupted);
        assertThatThrownBy(() -> load(archive(files)))
                .isInstanceOf(DigestMismatchException.class)
                .hasMessageContaining(Digests.of(TarBuilder.zstd(app)));
        assertNothingStored();
    }

    @Test
    void aCorruptedManifestIsRejectedWithNothingStored() throws IOException {
        Map<String, byte[]> files = ociBlobs();
        String index = new String(files.get("index.json"), StandardCharsets.UTF_8);
        String nestedDigest = JSON.readTree(index).path("manifests").get(0).path("digest").asText();
        byte[] nested = files.get("blobs/sha256/" + Digests.hex(nestedDigest));
        files.put("blobs/sha256/" + Digests.hex(nestedDigest),
                new String(nested, StandardCharsets.UTF_8).replace("not-this-machine", "not-that-machine")
                        .getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> load(archive(files))).isInstanceOf(DigestMismatchException.class);
        assertNothingStored();
    }

    @Test
    void somethingElseIsNotAnImageArchive() {
        byte[] tar = new TarBuilder().file("hello.txt", "hi").tar();
        assertThatThrownBy(() -> load(tar)).hasMessageContaining("not an image archive");
    }

    private void assertNothingStored() throws IOException {
        assertThat(store.list()).isEmpty();
        assertThat(children(store.layout().layers())).isEmpty();
        assertThat(children(store.layout().blobs().resolve("sha256"))).as("no layer blob").isEmpty();
        assertThat(children(store.layout().tmp())).isEmpty();
    }

    private static List<Path> children(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.toList();
        }
    }
}

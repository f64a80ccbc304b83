package io.jcompose.engine.linux.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcompose.engine.linux.store.StoreLayout;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageStoreTest {

    @TempDir
    Path tmp;

    private ImageStore store;

    @BeforeEach
    void setUp() {
        store = new ImageStore(new StoreLayout(tmp.resolve("root"), tmp.resolve("run")));
    }

    /** A layer of one file; its "diff id" is the digest of that file's content, which is all the store checks. */
    private StoredImage.Layer layer(String content) throws IOException {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        ImageStore.LayerContent added = store.addLayer(Optional.of(Digests.of(bytes)), dir -> {
            Files.write(dir.resolve("file"), bytes);
            return new ImageStore.LayerContent(Digests.of(bytes), bytes.length);
        });
        return new StoredImage.Layer(added.diffId(), Optional.empty(), Optional.empty(), added.size());
    }

    private static byte[] config(String cmd, StoredImage.Layer... layers) throws IOException {
        ObjectNode root = ImageConfig.emptyConfigJson("amd64", java.time.Instant.parse("2024-01-01T00:00:00Z"));
        ((ObjectNode) root.get("config")).putArray("Cmd").add(cmd);
        for (StoredImage.Layer l : layers) {
            ((com.fasterxml.jackson.databind.node.ArrayNode) root.get("rootfs").get("diff_ids")).add(l.diffId());
        }
        return new ObjectMapper().writeValueAsBytes(root);
    }

    @Test
    void blobsAreStoredUnderTheirDigestAndAMismatchKeepsNothing() throws IOException {
        byte[] content = "blob".getBytes(StandardCharsets.UTF_8);
        String digest = store.writeBlob(content);
        assertThat(digest).isEqualTo(Digests.of(content));
        assertThat(store.readBlob(digest)).isEqualTo(content);
        assertThat(store.hasBlob(digest)).isTrue();

        String wrong = Digests.of("other".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> store.writeBlob(new ByteArrayInputStream("tampered".getBytes()), Optional.of(wrong)))
                .isInstanceOf(DigestMismatchException.class)
                .hasMessageContaining(wrong)
                .hasMessageContaining(Digests.of("tampered".getBytes()));
        assertThat(children(store.layout().blobs().resolve("sha256"))).containsExactly(store.blobPath(digest));
        assertThat(children(store.layout().tmp())).isEmpty();
        assertThatThrownBy(() -> store.blobPath("sha256:../../etc/passwd"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aLayerWhoseDiffIdDoesNotMatchKeepsNothing() throws IOException {
        String expected = Digests.of("expected".getBytes());
        assertThatThrownBy(() -> store.addLayer(Optional.of(expected), dir -> {
            Files.writeString(dir.resolve("file"), "actual");
            return new ImageStore.LayerContent(Digests.of("actual".getBytes()), 6);
        })).isInstanceOf(DigestMismatchException.class);
        assertThatThrownBy(() -> store.addLayer(Optional.empty(), dir -> {
            Files.writeString(dir.resolve("half"), "written");
            throw new IOException("connection reset");
        })).hasMessage("connection reset");
        assertThat(children(store.layout().layers())).isEmpty();
        assertThat(children(store.layout().tmp())).isEmpty();
        assertThat(store.hasLayer(expected)).isFalse();
    }

    @Test
    void aLayerIsAddedOnceAndKeepsItsSize() throws IOException {
        StoredImage.Layer first = layer("hello");
        StoredImage.Layer again = layer("hello");
        assertThat(again.diffId()).isEqualTo(first.diffId());
        assertThat(store.hasLayer(first.diffId())).isTrue();
        assertThat(store.layerSize(first.diffId())).isEqualTo(5);
        assertThat(store.layerDir(first.diffId()).resolve("file")).hasContent("hello");
        assertThat(children(store.layout().layers())).hasSize(1);
    }

    @Test
    void imagesAreFoundByNameIdAndIdPrefixAndTagsMove() throws IOException {
        StoredImage.Layer base = layer("base");
        StoredImage one = store.addImage(config("one", base), List.of(base), List.of(ImageName.parse("redis")),
                Optional.empty());
        assertThat(one.id()).isEqualTo(Digests.of(config("one", base)));
        assertThat(one.repoTags()).containsExactly("docker.io/library/redis:latest");
        assertThat(store.find("redis")).map(StoredImage::id).contains(one.id());
        assertThat(store.find("docker.io/library/redis:latest")).map(StoredImage::id).contains(one.id());
        assertThat(store.find(one.id())).isPresent();
        assertThat(store.find(Digests.hex(one.id()).substring(0, 4))).map(StoredImage::id).contains(one.id());
        assertThat(store.find("sha256:" + Digests.hex(one.id()).substring(0, 12))).isPresent();
        assertThat(store.find("redis:7")).isEmpty();
        assertThat(store.find("Not A Name")).isEmpty();

        store.tag(one.id(), ImageName.parse("localhost:5000/cache:7"));
        assertThat(store.find("localhost:5000/cache:7")).map(StoredImage::repoTags).hasValueSatisfying(tags ->
                assertThat(tags).containsExactlyInAnyOrder("docker.io/library/redis:latest",
                        "localhost:5000/cache:7"));

        // a name points at one image: adding another with it takes it over
        StoredImage two = store.addImage(config("two", base), List.of(base), List.of(ImageName.parse("redis")),
                Optional.empty());
        assertThat(store.find("redis")).map(StoredImage::id).contains(two.id());
        assertThat(store.find(one.id()).orElseThrow().repoTags()).containsExactly("localhost:5000/cache:7");

        assertThat(store.untag(ImageName.parse("localhost:5000/cache:7"))).isTrue();
        assertThat(store.untag(ImageName.parse("localhost:5000/cache:7"))).isFalse();
        assertThat(store.find(one.id())).hasValueSatisfying(i -> assertThat(i.repoTags()).isEmpty());
        assertThatThrownBy(() -> store.tag("sha256:" + "0".repeat(64), ImageName.parse("x")))
                .hasMessageContaining("no such image");
        assertThat(store.list()).extracting(StoredImage::id).containsExactlyInAnyOrder(one.id(), two.id());
    }

    @Test
    void anImageNeedsItsLayersAndTheirDiffIds() throws IOException {
        StoredImage.Layer base = layer("base");
        StoredImage.Layer missing = new StoredImage.Layer(Digests.of("missing".getBytes()), Optional.empty(),
                Optional.empty(), 0);
        assertThatThrownBy(() -> store.addImage(config("x", base, missing), List.of(base, missing), List.of(),
                Optional.empty())).hasMessageContaining("is not in the store");
        assertThatThrownBy(() -> store.addImage(config("x"), List.of(base), List.of(), Optional.empty()))
                .hasMessageContaining("do not match the diff ids");
        assertThat(store.list()).isEmpty();
    }

    @Test
    void pruneFreesWhatNoImageUses() throws IOException {
        StoredImage.Layer shared = layer("shared");
        StoredImage.Layer onlyOld = layer("only in the old image");
        StoredImage old = store.addImage(config("old", shared, onlyOld), List.of(shared, onlyOld),
                List.of(ImageName.parse("app:old")), Optional.empty());
        StoredImage kept = store.addImage(config("new", shared), List.of(shared), List.of(ImageName.parse("app")),
                Optional.empty());
        ImageStore.PruneResult nothing = store.prune();
        assertThat(nothing.layers()).as("everything is still used").isEmpty();
        assertThat(nothing.blobs()).isEmpty();
        String stray = store.writeBlob("unreferenced".getBytes());
        store.removeImage(old.id());
        assertThat(store.find("app:old")).isEmpty();

        ImageStore.PruneResult result = store.prune();
        assertThat(result.layers()).containsExactly(onlyOld.diffId());
        assertThat(result.blobs()).containsExactlyInAnyOrder(old.id(), stray);
        assertThat(result.bytes()).isEqualTo("only in the old image".length()
                + config("old", shared, onlyOld).length
                + "unreferenced".length());
        assertThat(store.hasLayer(onlyOld.diffId())).isFalse();
        assertThat(store.hasLayer(shared.diffId())).isTrue();
        assertThat(store.hasBlob(kept.id())).isTrue();
        assertThat(store.find("app")).map(StoredImage::id).contains(kept.id());
    }

    private static List<Path> children(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(dir)) {
            return list.toList();
        }
    }

    @Test
    void aBlobWriterKeepsOnlyWhatIsCommitted() throws IOException {
        byte[] content = "written by a compressor".getBytes(StandardCharsets.UTF_8);
        try (BlobWriter blob = store.newBlob()) {
            blob.write(content);
            assertThat(blob.commit(Optional.empty())).isEqualTo(Digests.of(content));
        }
        assertThat(store.readBlob(Digests.of(content))).isEqualTo(content);

        try (BlobWriter abandoned = store.newBlob()) {
            abandoned.write("half".getBytes(StandardCharsets.UTF_8));
        }
        try (BlobWriter wrong = store.newBlob()) {
            wrong.write("other".getBytes(StandardCharsets.UTF_8));
            assertThatThrownBy(() -> wrong.commit(Optional.of(Digests.of(content))))
                    .isInstanceOf(DigestMismatchException.class);
        }
        try (Stream<Path> blobs = Files.list(store.layout().blobs().resolve("sha256"));
             Stream<Path> scratch = Files.list(store.layout().tmp())) {
            assertThat(blobs.toList()).hasSize(1);
            assertThat(scratch.toList()).isEmpty();
        }
    }

    @Test
    void aFullDiskIsToldApartFromOtherFailures() {
        Path root = store.layout().root();
        IOException write = new IOException("No space left on device");
        assertThat(StoreFullException.classify(write, root)).isInstanceOf(StoreFullException.class)
                .hasMessage("no space left on device in " + root).hasCause(write);
        IOException mkdir = new java.nio.file.FileSystemException("/x/y", null, "No space left on device");
        assertThat(StoreFullException.classify(new IOException("wrapped", mkdir), root))
                .isInstanceOf(StoreFullException.class);
        assertThat(StoreFullException.classify(new IOException("Disk quota exceeded"), root))
                .isInstanceOf(StoreFullException.class);
        IOException other = new java.nio.file.AccessDeniedException("/x/y");
        assertThat(StoreFullException.classify(other, root)).isSameAs(other);
    }
}

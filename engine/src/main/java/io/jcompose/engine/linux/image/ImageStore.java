package io.jcompose.engine.linux.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcompose.engine.linux.store.StoreLayout;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * The built-in image store: content-addressed blobs, layers unpacked once and shared, image records and the names
 * that point at them. Everything is written under {@link StoreLayout#tmp()} first and renamed into place when
 * complete and verified, so a failed or killed pull never leaves a half-written blob or layer behind. Index updates
 * hold a lock file so that two jcompose processes (a command and a supervisor) never lose each other's writes.
 */
public final class ImageStore {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ReentrantLock IN_PROCESS = new ReentrantLock();
    /** Parsed image configs by id (see {@link #config}); a bound, not an eviction policy: a store rarely holds more. */
    private static final Map<String, ImageConfig> CONFIGS = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_CACHED_CONFIGS = 2048;

    private final StoreLayout layout;

    public ImageStore(StoreLayout layout) {
        this.layout = layout;
    }

    public StoreLayout layout() {
        return layout;
    }

    /** Receives an empty directory and fills it with a layer's content; returns the diff id it computed. */
    @FunctionalInterface
    public interface LayerWriter {
        LayerContent write(Path directory) throws IOException;
    }

    /** What a {@link LayerWriter} unpacked: the digest of the uncompressed tar and the bytes of the files. */
    public record LayerContent(String diffId, long size) {
    }

    // ---- blobs ---------------------------------------------------------------------------------------------------

    public Path blobPath(String digest) {
        return layout.blobs().resolve("sha256").resolve(Digests.hex(digest));
    }

    public boolean hasBlob(String digest) {
        return Files.isRegularFile(blobPath(digest));
    }

    /**
     * Stores what {@code in} holds as a blob and returns its digest; when {@code expected} is given and the content
     * does not match it, nothing is stored and the error names both digests.
     */
    public String writeBlob(InputStream in, Optional<String> expected) throws IOException {
        expected.ifPresent(Digests::hex);
        try (in; BlobWriter blob = newBlob()) {
            in.transferTo(blob);
            return blob.commit(expected);
        }
    }

    /** A blob to be written by the caller, kept only when {@linkplain BlobWriter#commit committed}. */
    public BlobWriter newBlob() throws IOException {
        try {
            return new BlobWriter(this, newTemp("blob-"));
        } catch (IOException e) {
            throw StoreFullException.classify(e, layout.root());
        }
    }

    /** Renames a complete, verified scratch file into place as blob {@code digest}. */
    void placeBlob(Path tmp, String digest) throws IOException {
        Path target = blobPath(digest);
        Files.createDirectories(target.getParent());
        moveIntoPlace(tmp, target);
    }

    public String writeBlob(byte[] content) throws IOException {
        return writeBlob(new java.io.ByteArrayInputStream(content), Optional.empty());
    }

    public byte[] readBlob(String digest) throws IOException {
        return Files.readAllBytes(blobPath(digest));
    }

    // ---- layers --------------------------------------------------------------------------------------------------

    /** The directory with the layer's files, as overlayfs takes it for a {@code lowerdir}. */
    public Path layerDir(String diffId) {
        return layout.layers().resolve(Digests.hex(diffId)).resolve("diff");
    }

    public boolean hasLayer(String diffId) {
        return Files.isDirectory(layerDir(diffId)) && Files.isRegularFile(layerSizeFile(diffId));
    }

    public long layerSize(String diffId) {
        try {
            return Long.parseLong(Files.readString(layerSizeFile(diffId)).strip());
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
    }

    /**
     * Adds a layer: {@code writer} fills a scratch directory, which becomes the layer only when the diff id it
     * computed is {@code expectedDiffId} (when given); otherwise it is deleted and the mismatch reported. A layer that
     * appeared meanwhile (another pull of the same layer) wins and ours is dropped. Returns the diff id.
     */
    public LayerContent addLayer(Optional<String> expectedDiffId, LayerWriter writer) throws IOException {
        expectedDiffId.ifPresent(Digests::hex);
        Path scratch = Files.createDirectories(layout.tmp()).resolve("layer-" + java.util.UUID.randomUUID());
        Path diff = scratch.resolve("diff");
        Files.createDirectories(diff);
        try {
            LayerContent content;
            try {
                content = writer.write(diff);
                Files.writeString(scratch.resolve("size"), Long.toString(content.size()));
            } catch (IOException e) {
                throw StoreFullException.classify(e, layout.root());
            }
            if (expectedDiffId.isPresent() && !expectedDiffId.get().equals(content.diffId())) {
                throw new DigestMismatchException(expectedDiffId.get(), content.diffId());
            }
            Path target = layout.layers().resolve(Digests.hex(content.diffId()));
            Files.createDirectories(layout.layers());
            if (hasLayer(content.diffId())) {
                return new LayerContent(content.diffId(), layerSize(content.diffId()));
            }
            if (Files.exists(target)) {
                // left over from a crash before this code completed a rename: not a layer, safe to replace
                deleteTree(target);
            }
            try {
                Files.move(scratch, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (java.nio.file.FileSystemException raced) {
                // another pull finished the same layer first (rename(2) onto its directory: "Directory not empty")
                if (!hasLayer(content.diffId())) {
                    throw raced;
                }
                return new LayerContent(content.diffId(), layerSize(content.diffId()));
            }
            return content;
        } finally {
            deleteTree(scratch);
        }
    }

    /**
     * Layer {@code diffId} as an image of the store records it with a compressed blob the store has: another image
     * made of the same layer can then be pushed without compressing it again.
     */
    public Optional<StoredImage.Layer> layerWithBlob(String diffId) {
        try {
            for (String id : imageIds()) {
                for (JsonNode l : JSON.readTree(imageRecord(id).toFile()).path("layers")) {
                    String blob = l.path("blob").asText("");
                    String mediaType = l.path("mediaType").asText("");
                    if (l.path("diffId").asText().equals(diffId) && !blob.isEmpty() && !mediaType.isEmpty()
                            && hasBlob(blob)) {
                        return Optional.of(new StoredImage.Layer(diffId, Optional.of(blob), Optional.of(mediaType),
                                layerSize(diffId)));
                    }
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path layerSizeFile(String diffId) {
        return layout.layers().resolve(Digests.hex(diffId)).resolve("size");
    }

    // ---- images --------------------------------------------------------------------------------------------------

    /**
     * Records an image whose config blob is {@code configJson} and whose layers are all in the store, and points
     * {@code names} at it (taking them from any image they pointed at before). Returns the stored image.
     */
    public StoredImage addImage(byte[] configJson, List<StoredImage.Layer> layers, List<ImageName> names,
                                Optional<String> repoDigest) throws IOException {
        return addImage(configJson, layers, names, repoDigest, List.of());
    }

    /** As {@link #addImage(byte[], List, List, Optional)}, for an image a build made from {@code parents}. */
    public StoredImage addImage(byte[] configJson, List<StoredImage.Layer> layers, List<ImageName> names,
                                Optional<String> repoDigest, List<String> parents) throws IOException {
        ImageConfig config = ImageConfig.parse(configJson);
        List<String> diffIds = layers.stream().map(StoredImage.Layer::diffId).toList();
        if (!diffIds.equals(config.diffIds())) {
            throw new IOException("the image's layers do not match the diff ids of its config");
        }
        for (String d : diffIds) {
            if (!hasLayer(d)) {
                throw new IOException("layer " + d + " is not in the store");
            }
        }
        String id = writeBlob(configJson);
        return locked(() -> {
            Path record = imageRecord(id);
            Set<String> digests = new LinkedHashSet<>();
            Set<String> parentIds = new LinkedHashSet<>();
            Instant added = Instant.now();
            if (Files.exists(record)) {
                JsonNode old = JSON.readTree(record.toFile());
                old.path("repoDigests").forEach(n -> digests.add(n.asText()));
                old.path("parents").forEach(n -> parentIds.add(n.asText()));
                added = Instant.parse(old.path("added").asText(added.toString()));
            }
            repoDigest.ifPresent(digests::add);
            ObjectNode json = JSON.createObjectNode();
            json.put("id", id);
            json.put("added", added.toString());
            ArrayNode layerArray = json.putArray("layers");
            for (StoredImage.Layer l : layers) {
                ObjectNode n = layerArray.addObject();
                n.put("diffId", l.diffId());
                l.blobDigest().ifPresent(b -> n.put("blob", b));
                l.mediaType().ifPresent(m -> n.put("mediaType", m));
                n.put("size", l.size() > 0 ? l.size() : layerSize(l.diffId()));
            }
            ArrayNode digestArray = json.putArray("repoDigests");
            digests.forEach(digestArray::add);
            parentIds.addAll(parents);
            parentIds.remove(id);
            if (!parentIds.isEmpty()) {
                ArrayNode parentArray = json.putArray("parents");
                parentIds.forEach(parentArray::add);
            }
            Files.createDirectories(layout.images());
            writeAtomically(record, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
            TreeMap<String, String> refs = readRefs();
            for (ImageName name : names) {
                refs.put(name.withTag(name.tag().orElse("latest")).canonical(), id);
            }
            writeRefs(refs);
            return read(id, refs).orElseThrow();
        });
    }

    /**
     * Finds an image by name ({@code redis}, {@code redis:7}, {@code host/app@sha256:…}), by id
     * ({@code sha256:…}) or by an unambiguous id prefix of at least 4 hex digits.
     */
    public Optional<StoredImage> find(String reference) {
        try {
            TreeMap<String, String> refs = readRefs();
            String ref = reference.strip();
            String hex = ref.startsWith("sha256:") ? ref.substring(7) : ref;
            if (hex.matches("[0-9a-f]{4,64}")) {
                Optional<String> byId = imageIds().stream().filter(id -> Digests.hex(id).startsWith(hex)).reduce(
                        (a, b) -> {
                            throw new IllegalArgumentException("image id prefix \"" + ref + "\" is ambiguous");
                        });
                if (byId.isPresent()) {
                    return read(byId.get(), refs);
                }
            }
            ImageName name;
            try {
                name = ImageName.parse(ref);
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
            if (name.digest().isPresent()) {
                String wanted = name.repository() + "@" + name.digest().get();
                for (String id : imageIds()) {
                    Optional<StoredImage> image = read(id, refs);
                    if (image.isPresent() && image.get().repoDigests().contains(wanted)) {
                        return image;
                    }
                }
                return Optional.empty();
            }
            String id = refs.get(name.canonical());
            return id == null ? Optional.empty() : read(id, refs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<StoredImage> list() {
        try {
            TreeMap<String, String> refs = readRefs();
            List<StoredImage> images = new ArrayList<>();
            for (String id : imageIds()) {
                read(id, refs).ifPresent(images::add);
            }
            images.sort(Comparator.comparing(StoredImage::created).reversed());
            return images;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Points {@code name} at image {@code id}. */
    public void tag(String id, ImageName name) throws IOException {
        locked(() -> {
            if (!Files.exists(imageRecord(id))) {
                throw new IOException("no such image: " + id);
            }
            TreeMap<String, String> refs = readRefs();
            refs.put(name.withTag(name.tag().orElse("latest")).canonical(), id);
            writeRefs(refs);
            return null;
        });
    }

    /** Removes the name; returns whether it existed. The image stays, even untagged, until removed or pruned. */
    public boolean untag(ImageName name) throws IOException {
        return locked(() -> {
            TreeMap<String, String> refs = readRefs();
            boolean removed = refs.remove(name.canonical()) != null;
            if (removed) {
                writeRefs(refs);
            }
            return removed;
        });
    }

    /** Removes the image record and every name pointing at it; layers and blobs go with {@link #prune()}. */
    public void removeImage(String id) throws IOException {
        locked(() -> {
            TreeMap<String, String> refs = readRefs();
            if (refs.values().removeIf(id::equals)) {
                writeRefs(refs);
            }
            Files.deleteIfExists(imageRecord(id));
            return null;
        });
    }

    /** What {@link #prune()} freed. */
    public record PruneResult(List<String> layers, List<String> blobs, long bytes) {
    }

    /**
     * Deletes every layer and blob that no image record refers to (and leftovers in the scratch area), so that
     * removed images give their space back.
     */
    public PruneResult prune() throws IOException {
        return locked(() -> {
            Set<String> usedLayers = new HashSet<>();
            Set<String> usedBlobs = new HashSet<>();
            for (String id : imageIds()) {
                usedBlobs.add(id);
                JsonNode json = JSON.readTree(imageRecord(id).toFile());
                json.path("layers").forEach(l -> {
                    usedLayers.add(l.path("diffId").asText());
                    if (l.hasNonNull("blob")) {
                        usedBlobs.add(l.get("blob").asText());
                    }
                });
                json.path("manifests").forEach(m -> usedBlobs.add(m.asText()));
            }
            List<String> layersFreed = new ArrayList<>();
            List<String> blobsFreed = new ArrayList<>();
            long bytes = 0;
            for (Path dir : children(layout.layers())) {
                String diffId = "sha256:" + dir.getFileName();
                if (!usedLayers.contains(diffId)) {
                    bytes += layerSize(diffId);
                    deleteTree(dir);
                    layersFreed.add(diffId);
                }
            }
            for (Path blob : children(layout.blobs().resolve("sha256"))) {
                String digest = "sha256:" + blob.getFileName();
                if (!usedBlobs.contains(digest)) {
                    bytes += Files.size(blob);
                    Files.deleteIfExists(blob);
                    blobsFreed.add(digest);
                }
            }
            // scratch files of a pull or load that is still running are young: only old leftovers of a crash go
            java.time.Instant cutoff = java.time.Instant.now().minus(java.time.Duration.ofHours(1));
            for (Path stale : children(layout.tmp())) {
                if (Files.getLastModifiedTime(stale, java.nio.file.LinkOption.NOFOLLOW_LINKS).toInstant()
                        .isBefore(cutoff)) {
                    deleteTree(stale);
                }
            }
            return new PruneResult(layersFreed, blobsFreed, bytes);
        });
    }

    // ---- internals -----------------------------------------------------------------------------------------------

    private Optional<StoredImage> read(String id, Map<String, String> refs) throws IOException {
        Path record = imageRecord(id);
        if (!Files.exists(record)) {
            return Optional.empty();
        }
        JsonNode json = JSON.readTree(record.toFile());
        List<StoredImage.Layer> layers = new ArrayList<>();
        long size = 0;
        for (JsonNode l : json.path("layers")) {
            long s = l.path("size").asLong();
            size += s;
            layers.add(new StoredImage.Layer(l.path("diffId").asText(),
                    Optional.ofNullable(l.path("blob").textValue()), Optional.ofNullable(l.path("mediaType").textValue()),
                    s));
        }
        List<String> digests = new ArrayList<>();
        json.path("repoDigests").forEach(n -> digests.add(n.asText()));
        List<String> parents = new ArrayList<>();
        json.path("parents").forEach(n -> parents.add(n.asText()));
        List<String> tags = refs.entrySet().stream().filter(e -> e.getValue().equals(id)).map(Map.Entry::getKey)
                .toList();
        ImageConfig config = config(id);
        Instant created = config.created().orElse(Instant.parse(json.path("added").asText(Instant.EPOCH.toString())));
        return Optional.of(new StoredImage(id, tags, digests, layers, created, size, config, parents));
    }

    /**
     * The parsed config of image {@code id}, kept for the JVM's life: the id is the digest of the config, so it
     * never changes, and a long-lived JVM (the standby one, the supervisor) reads every image at each command's
     * observation of the store.
     */
    private ImageConfig config(String id) throws IOException {
        ImageConfig known = CONFIGS.get(id);
        if (known != null) {
            return known;
        }
        ImageConfig config = ImageConfig.parse(readBlob(id));
        if (CONFIGS.size() >= MAX_CACHED_CONFIGS) {
            CONFIGS.clear();
        }
        CONFIGS.put(id, config);
        return config;
    }

    private List<String> imageIds() throws IOException {
        List<String> ids = new ArrayList<>();
        for (Path p : children(layout.images())) {
            String file = p.getFileName().toString();
            if (file.endsWith(".json") && file.length() == 64 + 5) {
                ids.add("sha256:" + file.substring(0, 64));
            }
        }
        return ids;
    }

    private Path imageRecord(String id) {
        return layout.images().resolve(Digests.hex(id) + ".json");
    }

    private TreeMap<String, String> readRefs() throws IOException {
        Path file = layout.images().resolve("refs.json");
        TreeMap<String, String> refs = new TreeMap<>();
        if (Files.exists(file)) {
            JSON.readTree(file.toFile()).properties().forEach(e -> refs.put(e.getKey(), e.getValue().asText()));
        }
        return refs;
    }

    private void writeRefs(TreeMap<String, String> refs) throws IOException {
        Files.createDirectories(layout.images());
        writeAtomically(layout.images().resolve("refs.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(refs));
    }

    private interface IoAction<T> {
        T run() throws IOException;
    }

    private <T> T locked(IoAction<T> action) throws IOException {
        IN_PROCESS.lock();
        try {
            Files.createDirectories(layout.locks());
            try (FileChannel channel = FileChannel.open(layout.locks().resolve("store.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                return action.run();
            }
        } finally {
            IN_PROCESS.unlock();
        }
    }

    private Path newTemp(String prefix) throws IOException {
        return Files.createTempFile(Files.createDirectories(layout.tmp()), prefix, ".tmp");
    }

    private void writeAtomically(Path target, byte[] content) throws IOException {
        Path tmp = newTemp("write-");
        try {
            Files.write(tmp, content);
            moveIntoPlace(tmp, target);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void moveIntoPlace(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static List<Path> children(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(out::add);
        }
        return out;
    }

    /** Deletes a directory tree without following links (layers hold links pointing anywhere). */
    public static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}

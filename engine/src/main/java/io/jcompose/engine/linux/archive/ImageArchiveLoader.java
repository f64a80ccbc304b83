package io.jcompose.engine.linux.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jcompose.engine.linux.image.DigestMismatchException;
import io.jcompose.engine.linux.image.Digests;
import io.jcompose.engine.linux.image.ImageConfig;
import io.jcompose.engine.linux.image.ImageName;
import io.jcompose.engine.linux.image.ImageStore;
import io.jcompose.engine.linux.image.StoredImage;
import io.jcompose.engine.linux.layer.Compression;
import io.jcompose.engine.linux.layer.LayerUnpacker;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * {@code image load}: reads an archive written by {@code docker save} ({@code manifest.json}) or an OCI image layout
 * ({@code oci-layout}, {@code index.json}), plain or gzip/zstd compressed, and adds its images to the store. The
 * archive is spooled to the store's scratch area first, as its documents may come after the layers they describe.
 */
public final class ImageArchiveLoader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> INDEX_TYPES = Set.of("application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json");
    private static final String CONTAINERD_NAME = "io.containerd.image.name";
    private static final String OCI_REF_NAME = "org.opencontainers.image.ref.name";

    private final LayerUnpacker unpacker = LayerUnpacker.forImageLayers();

    /**
     * Loads every image of {@code archive} (read to its end and closed), reporting each as {@code docker load} does
     * ({@code Loaded image: redis:latest}, or {@code Loaded image ID: sha256:…} for an untagged one). Layers already
     * in the store are not unpacked again. A layer or blob that does not match its digest fails the load and is not
     * kept.
     */
    public List<StoredImage> load(InputStream archive, ImageStore store, Consumer<String> progress)
            throws IOException {
        Path spool = Files.createTempFile(Files.createDirectories(store.layout().tmp()), "load-", ".tar");
        try {
            try (InputStream in = Compression.decompressing(archive)) {
                Files.copy(in, spool, StandardCopyOption.REPLACE_EXISTING);
            }
            try (ArchiveContents contents = new ArchiveContents(spool)) {
                List<ArchivedImage> images;
                if (contents.has("manifest.json")) {
                    images = dockerSaveImages(contents);
                } else if (contents.has("index.json")) {
                    images = ociLayoutImages(contents);
                } else {
                    throw new IOException("not an image archive: it has neither manifest.json (docker save) nor"
                            + " index.json (OCI image layout)");
                }
                List<StoredImage> loaded = new ArrayList<>();
                for (ArchivedImage image : images) {
                    loaded.add(store(image, contents, store, progress));
                }
                return loaded;
            }
        } finally {
            Files.deleteIfExists(spool);
        }
    }

    /** An image found in the archive: its config, where its layers are, the names it carries. */
    private record ArchivedImage(byte[] config, List<ArchivedLayer> layers, List<ImageName> names) {
    }

    /**
     * A layer's file in the archive, with the digest of that file when the archive states one (OCI layouts; a
     * {@code docker save} archive is checked by the diff id alone).
     */
    private record ArchivedLayer(String path, Optional<String> blobDigest) {
    }

    // ---- docker save ---------------------------------------------------------------------------------------------

    private static List<ArchivedImage> dockerSaveImages(ArchiveContents contents) throws IOException {
        JsonNode manifest = parse(contents.read("manifest.json"), "manifest.json");
        if (!manifest.isArray()) {
            throw new IOException("manifest.json of the image archive is not a list of images");
        }
        List<ArchivedImage> images = new ArrayList<>();
        for (JsonNode entry : manifest) {
            String configPath = entry.path("Config").asText("");
            if (configPath.isEmpty()) {
                throw new IOException("manifest.json of the image archive has an image without Config");
            }
            byte[] config = contents.read(configPath);
            checkNamedDigest(configPath, config);
            List<ArchivedLayer> layers = new ArrayList<>();
            for (JsonNode layer : entry.path("Layers")) {
                layers.add(new ArchivedLayer(layer.asText(), Optional.empty()));
            }
            List<ImageName> names = new ArrayList<>();
            for (JsonNode tag : entry.path("RepoTags")) {
                names.add(name(tag.asText()));
            }
            images.add(new ArchivedImage(config, layers, names));
        }
        return images;
    }

    /** A config stored under its digest ({@code <hex>.json}, {@code blobs/sha256/<hex>}) must have that digest. */
    private static void checkNamedDigest(String path, byte[] content) throws IOException {
        String file = path.substring(path.lastIndexOf('/') + 1);
        String hex = file.endsWith(".json") ? file.substring(0, file.length() - 5) : file;
        if (hex.matches("[0-9a-f]{64}")) {
            String actual = Digests.of(content);
            if (!actual.equals("sha256:" + hex)) {
                throw new DigestMismatchException("sha256:" + hex, actual);
            }
        }
    }

    // ---- OCI image layout ----------------------------------------------------------------------------------------

    private static List<ArchivedImage> ociLayoutImages(ArchiveContents contents) throws IOException {
        JsonNode index = parse(contents.read("index.json"), "index.json");
        List<ArchivedImage> images = new ArrayList<>();
        for (JsonNode descriptor : index.path("manifests")) {
            images.add(ociImage(contents, descriptor, ociNames(descriptor.path("annotations")), 0));
        }
        if (images.isEmpty()) {
            throw new IOException("the OCI image layout's index.json lists no image");
        }
        return images;
    }

    /** The names an index entry gives its image: containerd's full name, else a ref name that is a full reference. */
    private static List<ImageName> ociNames(JsonNode annotations) throws IOException {
        String containerd = annotations.path(CONTAINERD_NAME).asText("");
        if (!containerd.isEmpty()) {
            return List.of(name(containerd));
        }
        // by the OCI spec a ref name is often only a tag ("latest"), which names no repository: then untagged
        String ref = annotations.path(OCI_REF_NAME).asText("");
        if (ref.contains("/") || ref.contains(":")) {
            return List.of(name(ref));
        }
        return List.of();
    }

    private static ArchivedImage ociImage(ArchiveContents contents, JsonNode descriptor, List<ImageName> names,
                                          int depth) throws IOException {
        String digest = descriptor.path("digest").asText("");
        if (!Digests.isValid(digest)) {
            throw new IOException("the OCI image layout refers to a blob by \"" + digest + "\", not a sha256 digest");
        }
        JsonNode document = parse(contents.readBlob(digest), digest);
        String mediaType = descriptor.path("mediaType").asText(document.path("mediaType").asText(""));
        if (INDEX_TYPES.contains(mediaType) || (mediaType.isEmpty() && document.has("manifests"))) {
            if (depth > 4) {
                throw new IOException("the OCI image layout nests indexes too deeply");
            }
            return ociImage(contents, platformManifest(document, digest), names, depth + 1);
        }
        String configDigest = document.path("config").path("digest").asText("");
        if (!Digests.isValid(configDigest)) {
            throw new IOException("manifest " + digest + " has no valid config digest");
        }
        byte[] config = contents.readBlob(configDigest);
        List<ArchivedLayer> layers = new ArrayList<>();
        for (JsonNode layer : document.path("layers")) {
            String layerDigest = layer.path("digest").asText("");
            if (!Digests.isValid(layerDigest)) {
                throw new IOException("manifest " + digest + " has a layer without a valid digest");
            }
            layers.add(new ArchivedLayer(ArchiveContents.blobPath(layerDigest), Optional.of(layerDigest)));
        }
        return new ArchivedImage(config, layers, names);
    }

    /** The entry of an index for this machine's platform (attestations and other platforms are left out). */
    private static JsonNode platformManifest(JsonNode index, String digest) throws IOException {
        String arch = HostPlatform.architecture();
        for (JsonNode candidate : index.path("manifests")) {
            JsonNode platform = candidate.path("platform");
            if (platform.path("os").asText().equals(HostPlatform.OS)
                    && platform.path("architecture").asText().equals(arch)) {
                return candidate;
            }
        }
        throw new IOException("image index " + digest + " has no image for " + HostPlatform.OS + "/" + arch);
    }

    // ---- into the store ------------------------------------------------------------------------------------------

    private StoredImage store(ArchivedImage image, ArchiveContents contents, ImageStore store,
                              Consumer<String> progress) throws IOException {
        ImageConfig config = ImageConfig.parse(image.config());
        if (config.diffIds().size() != image.layers().size()) {
            throw new IOException("the image archive lists " + image.layers().size() + " layers for an image whose"
                    + " config has " + config.diffIds().size());
        }
        List<Optional<StoredImage.Layer>> known = new ArrayList<>();
        for (int i = 0; i < image.layers().size(); i++) {
            String diffId = config.diffIds().get(i);
            known.add(store.hasLayer(diffId) ? store.layerWithBlob(diffId) : Optional.empty());
        }
        // every layer to be read is checked before any is unpacked, so that a corrupted archive adds nothing
        for (int i = 0; i < image.layers().size(); i++) {
            boolean unpacked = store.hasLayer(config.diffIds().get(i));
            if (known.get(i).isEmpty() && (!unpacked || contents.has(image.layers().get(i).path()))) {
                verify(contents, image.layers().get(i), config.diffIds().get(i));
            }
        }
        List<StoredImage.Layer> layers = new ArrayList<>();
        for (int i = 0; i < image.layers().size(); i++) {
            String diffId = config.diffIds().get(i);
            ArchivedLayer layer = image.layers().get(i);
            if (known.get(i).isPresent()) {
                layers.add(known.get(i).get());
            } else if (!store.hasLayer(diffId)) {
                layers.add(unpack(contents, layer, diffId, store));
            } else if (contents.has(layer.path())) {
                layers.add(blobOnly(contents, layer, diffId, store));
            } else {
                // unpacked already and not in the archive: usable, but without a blob to push
                layers.add(new StoredImage.Layer(diffId, Optional.empty(), Optional.empty(),
                        store.layerSize(diffId)));
            }
        }
        String id = Digests.of(image.config());
        for (ImageName name : image.names()) {
            Optional<StoredImage> previous = store.find(name.canonical());
            if (previous.isPresent() && !previous.get().id().equals(id)) {
                progress.accept("The image " + name.familiar() + " already exists, renaming the old one with ID "
                        + previous.get().id() + " to empty string");
            }
        }
        StoredImage stored = store.addImage(image.config(), layers, image.names(), Optional.empty());
        if (image.names().isEmpty()) {
            progress.accept("Loaded image ID: " + stored.id());
        }
        for (ImageName name : image.names()) {
            progress.accept("Loaded image: " + name.familiar());
        }
        return stored;
    }

    /** Reads a layer's file through, checking its blob digest (when given) and the digest of its tar. */
    private static void verify(ArchiveContents contents, ArchivedLayer layer, String diffId) throws IOException {
        MessageDigest blobMd = Digests.sha256();
        MessageDigest tarMd = Digests.sha256();
        try (InputStream file = contents.open(layer.path());
             DigestInputStream digesting = new DigestInputStream(file, blobMd);
             InputStream tar = new DigestInputStream(Compression.decompressing(digesting), tarMd)) {
            tar.transferTo(OutputStream.nullOutputStream());
            digesting.transferTo(OutputStream.nullOutputStream());
        }
        if (layer.blobDigest().isPresent()) {
            String actual = Digests.format(blobMd.digest());
            if (!actual.equals(layer.blobDigest().get())) {
                throw new DigestMismatchException(layer.blobDigest().get(), actual);
            }
        }
        String actual = Digests.format(tarMd.digest());
        if (!actual.equals(diffId)) {
            throw new DigestMismatchException(diffId, actual);
        }
    }

    /**
     * Unpacks one layer into the store and keeps its compressed blob (for a push), checking the file against its
     * blob digest when the archive gives one.
     */
    private StoredImage.Layer unpack(ArchiveContents contents, ArchivedLayer layer, String diffId, ImageStore store)
            throws IOException {
        try (LayerBlobCapture capture = LayerBlobCapture.of(contents.open(layer.path()), store)) {
            ImageStore.LayerContent content = store.addLayer(Optional.of(diffId), dir -> {
                ImageStore.LayerContent unpacked = unpacker.unpackTar(capture.tar(), dir);
                capture.finish(layer.blobDigest());
                return unpacked;
            });
            LayerBlobCapture.Blob blob = capture.blob();
            return new StoredImage.Layer(diffId, Optional.of(blob.digest()), Optional.of(blob.mediaType()),
                    content.size());
        }
    }

    /**
     * Keeps the compressed blob of a layer the store has unpacked already (from an image without a blob for it),
     * so that this image too can be pushed.
     */
    private static StoredImage.Layer blobOnly(ArchiveContents contents, ArchivedLayer layer, String diffId,
                                              ImageStore store) throws IOException {
        try (LayerBlobCapture capture = LayerBlobCapture.of(contents.open(layer.path()), store)) {
            MessageDigest md = Digests.sha256();
            new DigestInputStream(capture.tar(), md).transferTo(OutputStream.nullOutputStream());
            String actual = Digests.format(md.digest());
            if (!actual.equals(diffId)) {
                throw new DigestMismatchException(diffId, actual);
            }
            LayerBlobCapture.Blob blob = capture.finish(layer.blobDigest());
            return new StoredImage.Layer(diffId, Optional.of(blob.digest()), Optional.of(blob.mediaType()),
                    store.layerSize(diffId));
        }
    }

    private static JsonNode parse(byte[] json, String what) throws IOException {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IOException("the image archive's " + what + " is not JSON: " + e.getMessage(), e);
        }
    }

    private static ImageName name(String reference) throws IOException {
        try {
            return ImageName.parse(reference);
        } catch (IllegalArgumentException e) {
            throw new IOException("the image archive names an image \"" + reference + "\": " + e.getMessage(), e);
        }
    }
}

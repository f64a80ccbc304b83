package io.jcompose.engine.linux.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcompose.engine.linux.image.DigestMismatchException;
import io.jcompose.engine.linux.image.Digests;
import io.jcompose.engine.linux.image.ImageName;
import io.jcompose.engine.linux.image.ImageStore;
import io.jcompose.engine.linux.image.StoredImage;
import io.jcompose.engine.linux.layer.Compression;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * {@code image save}: writes images as {@code docker save} does, a tar with {@code manifest.json},
 * {@code repositories}, each config and each layer as an uncompressed tar under {@code blobs/sha256/}, so that
 * {@code image load} and {@code docker load} take it. A layer's tar is its stored blob uncompressed, checked against
 * the diff id; a layer the store has no blob for (an image built or imported here) cannot be saved.
 */
public final class ImageArchiveWriter {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One image to save, with the names it goes under (none when it was asked for by id). */
    public record SavedImage(StoredImage image, List<ImageName> names) {

        public SavedImage {
            names = List.copyOf(names);
        }
    }

    /** Writes the archive of {@code images} to {@code out}, which it leaves open. */
    public void write(List<SavedImage> images, ImageStore store, OutputStream out) throws IOException {
        for (SavedImage saved : images) {
            for (StoredImage.Layer layer : saved.image().layers()) {
                if (layer.blobDigest().isEmpty() || !store.hasBlob(layer.blobDigest().get())) {
                    throw new IOException("cannot save " + label(saved) + ": layer " + layer.diffId() + " has no"
                            + " stored archive (the image was built or imported here); push it to a registry"
                            + " instead, or export a container with cp");
                }
            }
        }
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new NonClosing(out));
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        directory(tar, "blobs/");
        directory(tar, "blobs/sha256/");
        Set<String> written = new HashSet<>();
        ArrayNode manifest = JSON.createArrayNode();
        Map<String, Map<String, String>> repositories = new LinkedHashMap<>();
        for (SavedImage saved : images) {
            StoredImage image = saved.image();
            String configPath = "blobs/sha256/" + Digests.hex(image.id());
            if (written.add(configPath)) {
                file(tar, configPath, store.readBlob(image.id()));
            }
            ObjectNode entry = manifest.addObject();
            entry.put("Config", configPath);
            ArrayNode tags = entry.putArray("RepoTags");
            saved.names().forEach(n -> tags.add(n.familiar()));
            ArrayNode layers = entry.putArray("Layers");
            for (StoredImage.Layer layer : image.layers()) {
                String path = "blobs/sha256/" + Digests.hex(layer.diffId());
                layers.add(path);
                if (written.add(path)) {
                    layerTar(tar, path, layer, store);
                }
            }
            if (!image.layers().isEmpty()) {
                String top = Digests.hex(image.layers().getLast().diffId());
                for (ImageName name : saved.names()) {
                    repositories.computeIfAbsent(name.familiarRepository(), r -> new LinkedHashMap<>())
                            .put(name.tag().orElse("latest"), top);
                }
            }
        }
        file(tar, "manifest.json", JSON.writeValueAsBytes(manifest));
        file(tar, "repositories", JSON.writeValueAsBytes(repositories));
        tar.finish();
        tar.close();
    }

    private static String label(SavedImage saved) {
        return saved.names().isEmpty() ? saved.image().id() : saved.names().getFirst().familiar();
    }

    /**
     * The layer's stored blob, uncompressed to a scratch file first: a tar entry states its size up front, and the
     * content is checked against the diff id before it goes into the archive.
     */
    private static void layerTar(TarArchiveOutputStream tar, String path, StoredImage.Layer layer, ImageStore store)
            throws IOException {
        Path scratch = Files.createTempFile(Files.createDirectories(store.layout().tmp()), "save-", ".tar");
        try {
            MessageDigest md = Digests.sha256();
            try (InputStream in = new DigestInputStream(Compression.decompressing(
                    Files.newInputStream(store.blobPath(layer.blobDigest().orElseThrow()))), md);
                 OutputStream file = Files.newOutputStream(scratch)) {
                in.transferTo(file);
            }
            String actual = Digests.format(md.digest());
            if (!actual.equals(layer.diffId())) {
                throw new DigestMismatchException(layer.diffId(), actual);
            }
            TarArchiveEntry entry = new TarArchiveEntry(path);
            entry.setSize(Files.size(scratch));
            entry.setMode(0644);
            entry.setModTime(java.util.Date.from(Instant.EPOCH));
            tar.putArchiveEntry(entry);
            try (InputStream in = Files.newInputStream(scratch)) {
                in.transferTo(tar);
            }
            tar.closeArchiveEntry();
        } finally {
            Files.deleteIfExists(scratch);
        }
    }

    private static void file(TarArchiveOutputStream tar, String path, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(path);
        entry.setSize(content.length);
        entry.setMode(0644);
        entry.setModTime(java.util.Date.from(Instant.EPOCH));
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }

    private static void directory(TarArchiveOutputStream tar, String path) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(path);
        entry.setMode(040755);
        entry.setModTime(java.util.Date.from(Instant.EPOCH));
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }

    /** Keeps the caller's stream open when the tar stream is closed: the caller owns it. */
    private static final class NonClosing extends java.io.FilterOutputStream {

        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}

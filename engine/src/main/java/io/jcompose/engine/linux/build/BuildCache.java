package io.jcompose.engine.linux.build;

import io.jcompose.engine.linux.image.Digests;
import io.jcompose.engine.linux.image.ImageStore;
import io.jcompose.engine.linux.image.StoredImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The build cache: which image a step made from which parent, instruction and inputs. A key is a file under
 * {@code build-cache/keys} holding the image id; a hit counts only while that image is in the store, so removing
 * and pruning images is what clears the cache. {@code RUN --mount=type=cache} directories live beside it.
 */
public final class BuildCache {

    private final ImageStore store;
    private final Path root;

    public BuildCache(ImageStore store) {
        this.store = store;
        this.root = store.layout().root().resolve("build-cache");
    }

    /**
     * The key of a step: its parent image, the instruction as written with its variables expanded, the build args
     * that reach it (a RUN sees them as environment, so a changed value must rebuild it), and for COPY and ADD the
     * digest of what they copy. Unambiguous: every part is length-prefixed.
     */
    public static String key(String parentId, String instruction, Map<String, String> args, Optional<String> content) {
        MessageDigest md = Digests.sha256();
        update(md, "jcompose-build-cache-v1");
        update(md, parentId);
        update(md, instruction);
        for (Map.Entry<String, String> arg : new TreeMap<>(args).entrySet()) {
            update(md, arg.getKey());
            update(md, arg.getValue());
        }
        update(md, content.orElse(""));
        return HexFormat.of().formatHex(md.digest());
    }

    private static void update(MessageDigest md, String part) {
        byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
        md.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        md.update((byte) ':');
        md.update(bytes);
    }

    /** The image of an earlier identical step, when it is still in the store. */
    public Optional<StoredImage> find(String key) {
        Path file = keys().resolve(key);
        try {
            if (!Files.isRegularFile(file)) {
                return Optional.empty();
            }
            String id = Files.readString(file).strip();
            return Digests.isValid(id) ? store.find(id) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Remembers that the step {@code key} made image {@code imageId}. */
    public void remember(String key, String imageId) throws IOException {
        Files.createDirectories(keys());
        Path tmp = keys().resolve("." + key + "." + UUID.randomUUID());
        Files.writeString(tmp, imageId);
        Files.move(tmp, keys().resolve(key), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Forgets the steps whose images are gone; returns how many. */
    public int forgetMissing() throws IOException {
        if (!Files.isDirectory(keys())) {
            return 0;
        }
        int forgotten = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(keys())) {
            for (Path file : entries) {
                String id = Files.readString(file).strip();
                if (!Digests.isValid(id) || store.find(id).isEmpty()) {
                    Files.deleteIfExists(file);
                    forgotten++;
                }
            }
        }
        return forgotten;
    }

    /** The persistent directory of {@code RUN --mount=type=cache} with this id, created when missing. */
    public Path mountDir(String id) throws IOException {
        String name = HexFormat.of().formatHex(Digests.sha256().digest(id.getBytes(StandardCharsets.UTF_8)));
        return Files.createDirectories(root.resolve("mounts").resolve(name));
    }

    private Path keys() {
        return root.resolve("keys");
    }
}

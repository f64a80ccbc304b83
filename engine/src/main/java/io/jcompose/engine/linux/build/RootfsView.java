package io.jcompose.engine.linux.build;

import io.jcompose.engine.linux.image.ImageStore;
import io.jcompose.engine.linux.sys.Mounts;
import io.jcompose.engine.spi.BuildFailedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * An image's root filesystem mounted read-only (overlayfs with lower dirs only) for COPY and ADD to read: the
 * files of {@code --from} stages and images, the owners and modes of existing directories, links in destination
 * paths, {@code /etc/passwd} for {@code --chown}. Closing unmounts it.
 */
public final class RootfsView implements AutoCloseable {

    private final Path root;
    private final Path scratch;
    private final boolean mounted;

    private RootfsView(Path root, Path scratch, boolean mounted) {
        this.root = root;
        this.scratch = scratch;
        this.mounted = mounted;
    }

    /** Mounts the layers {@code diffIds} (lowest first) of {@code store}; no layers gives an empty directory. */
    public static RootfsView of(ImageStore store, List<String> diffIds) {
        try {
            Path scratch = Files.createDirectories(store.layout().runRoot().resolve("build")
                    .resolve(UUID.randomUUID().toString()));
            Path root = Files.createDirectories(scratch.resolve("rootfs"));
            if (diffIds.isEmpty()) {
                return new RootfsView(root, scratch, false);
            }
            List<String> lower = new ArrayList<>();
            for (String diffId : diffIds.reversed()) {
                lower.add(store.layerDir(diffId).toString());
            }
            // overlayfs wants two lower dirs at least when it has no upper dir: an empty one completes a single layer
            lower.add(Files.createDirectories(scratch.resolve("empty")).toString());
            String options = "lowerdir=" + String.join(":", lower);
            if (options.length() > 4000) {
                throw new BuildFailedException("the image has too many layers (" + diffIds.size()
                        + ") to be read for COPY");
            }
            try {
                Mounts.mount("overlay", root, "overlay", Mounts.MS_RDONLY, options);
            } catch (IOException e) {
                ImageStore.deleteTree(scratch);
                throw e;
            }
            return new RootfsView(root, scratch, true);
        } catch (IOException e) {
            throw new BuildFailedException("cannot mount the image's files for reading: " + e.getMessage(), e);
        }
    }

    /** The mounted root directory. */
    public Path root() {
        return root;
    }

    @Override
    public void close() {
        try {
            if (mounted) {
                Mounts.unmount(root, Mounts.MNT_DETACH);
            }
            ImageStore.deleteTree(scratch);
        } catch (IOException e) {
            // a scratch dir under the run root goes at reboot at the latest
        }
    }
}

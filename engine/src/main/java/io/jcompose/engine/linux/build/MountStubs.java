package io.jcompose.engine.linux.build;

import io.jcompose.engine.linux.image.ImageStore;
import io.jcompose.engine.linux.sys.Xattrs;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The mount points a RUN's container gets that its image lacks ({@code /etc/hosts}, {@code /etc/resolv.conf},
 * {@code --mount} targets): the OCI runtime makes them as empty files or directories in the container's upper dir,
 * and, as with BuildKit, they are not part of the step's layer when they are still empty afterwards.
 */
record MountStubs(List<String> missing) {

    /** What the runtime mounts over every container, as paths relative to its root. */
    static final List<String> RUNTIME_FILES = List.of("etc/hosts", "etc/hostname", "etc/resolv.conf", "dev",
            "proc", "sys");

    /** Of {@code destinations} (absolute or relative) and their parent directories, those the layers lack. */
    static MountStubs of(ImageStore store, List<String> diffIds, Collection<String> destinations) throws IOException {
        TreeSet<String> paths = new TreeSet<>();
        for (String destination : destinations) {
            String path = destination.replaceAll("^/+|/+$", "");
            for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
                paths.add(path.substring(0, slash));
            }
            if (!path.isEmpty()) {
                paths.add(path);
            }
        }
        List<String> missing = new ArrayList<>();
        for (String path : paths) {
            if (!inLayers(store, diffIds, path)) {
                missing.add(path);
            }
        }
        return new MountStubs(List.copyOf(missing));
    }

    /** Removes from {@code upper} those of the missing paths that are still empty files or empty directories. */
    void removeFrom(Path upper) throws IOException {
        List<String> deepestFirst = new ArrayList<>(missing);
        deepestFirst.sort(Comparator.comparingInt((String p) -> p.split("/").length).reversed());
        for (String path : deepestFirst) {
            Path stub = upper.resolve(path);
            Map<String, Object> a;
            try {
                a = Files.readAttributes(stub, "unix:mode,size", LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                continue;
            }
            boolean emptyFile = Files.isRegularFile(stub, LinkOption.NOFOLLOW_LINKS) && (Long) a.get("size") == 0;
            if (emptyFile || (Files.isDirectory(stub, LinkOption.NOFOLLOW_LINKS) && isEmpty(stub))) {
                Files.delete(stub);
            }
        }
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        }
    }

    /**
     * Whether {@code path} is in the image the layers make: the top layer that names it or one of its directories
     * decides (a whiteout hides it, as does an opaque directory above it).
     */
    private static boolean inLayers(ImageStore store, List<String> diffIds, String path) throws IOException {
        String[] parts = path.split("/");
        for (String diffId : diffIds.reversed()) {
            Path p = store.layerDir(diffId);
            boolean hidden = false;
            for (int i = 0; i < parts.length; i++) {
                p = p.resolve(parts[i]);
                if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    break;
                }
                if (isWhiteout(p)) {
                    return false;
                }
                if (i == parts.length - 1) {
                    return true;
                }
                if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    // a file or link on the way: what is below it does not come from lower layers
                    return false;
                }
                hidden |= Xattrs.get(p, "trusted.overlay.opaque").map(v -> v.length == 1 && v[0] == 'y')
                        .orElse(false);
            }
            if (hidden) {
                return false;
            }
        }
        return false;
    }

    private static boolean isWhiteout(Path p) throws IOException {
        Map<String, Object> a = Files.readAttributes(p, "unix:mode,rdev", LinkOption.NOFOLLOW_LINKS);
        return ((Integer) a.get("mode") & 0170000) == 0020000 && (Long) a.get("rdev") == 0;
    }
}

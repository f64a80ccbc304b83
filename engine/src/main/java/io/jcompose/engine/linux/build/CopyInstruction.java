package io.jcompose.engine.linux.build;

import io.jcompose.engine.linux.oci.RootfsFiles;
import io.jcompose.engine.linux.sys.FileMetadata;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Places what a COPY (or an ADD of local files) copies into a fresh layer directory, with Docker's destination rules:
 * a relative destination is below WORKDIR; a destination ending in {@code /}, or one that is a directory in the
 * image, receives files under their own names; a directory source has its contents copied, not itself; several
 * sources need a directory destination. Links in the destination path are followed inside the image, and directories
 * that exist in the image keep their owner and mode in the layer.
 *
 * @param image     the parent image's files, read-only
 * @param layer     the empty directory that becomes the layer
 * @param owner     {@code --chown} resolved to ids; empty: root for context files, their own owner for a stage's
 * @param chmod     {@code --chmod} as permission bits
 */
public record CopyInstruction(Path image, Path layer, Optional<Owner> owner, Optional<Integer> chmod) {

    /** Numeric owner of copied files. */
    public record Owner(int uid, int gid) {
    }

    /** A destination Docker refuses. */
    public static final class DestinationException extends Exception {
        public DestinationException(String message) {
            super(message);
        }
    }

    /** The destination as an absolute path in the image: relative ones are below {@code workdir}; keeps a final /. */
    public static String absolute(String dest, String workdir) {
        boolean dir = dest.endsWith("/") || dest.equals(".") || dest.endsWith("/.");
        String base = dest.startsWith("/") ? dest : (workdir.isEmpty() ? "/" : workdir) + "/" + dest;
        List<String> parts = new ArrayList<>();
        for (String part : base.split("/")) {
            switch (part) {
                case "", "." -> { }
                case ".." -> {
                    if (!parts.isEmpty()) {
                        parts.removeLast();
                    }
                }
                default -> parts.add(part);
            }
        }
        String path = "/" + String.join("/", parts);
        return dir && !path.equals("/") ? path + "/" : path;
    }

    /**
     * Copies {@code sources} (the matches of all source arguments, {@code several} when more than one file could
     * match: several arguments or a wildcard) to {@code dest} (absolute, from {@link #absolute}).
     */
    public void copy(List<SourceTree.Match> sources, boolean several, String dest, SourceTree tree)
            throws IOException, DestinationException {
        boolean destIsDir = dest.endsWith("/") || isImageDirectory(dest);
        if (several && !destIsDir && sources.size() > 1) {
            throw new DestinationException("When using COPY with more than one source file, the destination must be"
                    + " a directory and end with a /");
        }
        for (SourceTree.Match match : sources) {
            // a link named as a source is copied as what it points to (links below a copied directory stay links)
            SourceTree.Match source = Files.isSymbolicLink(match.file()) && !tree.rootfs()
                    ? new SourceTree.Match(match.file().toRealPath(), match.relative()) : match;
            boolean sourceIsDir = Files.isDirectory(source.file());
            String target;
            if (sourceIsDir) {
                target = trim(dest);
            } else if (destIsDir) {
                // under the name it was given: a link keeps its own name, with its target's content
                target = trim(dest) + (trim(dest).equals("/") ? "" : "/") + match.file().getFileName();
            } else {
                target = trim(dest);
            }
            Path placed = place(target);
            if (sourceIsDir) {
                if (!Files.isDirectory(placed, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectory(placed);
                    newDirectoryMetadata(placed);
                }
                contents(source.file(), placed, source.relative(), tree);
            } else {
                file(source.file(), placed, tree);
            }
        }
    }

    /** Makes directory {@code path} of the image in the layer (as a missing WORKDIR or ADD's unpack target). */
    public Path makeDirectory(String path) throws IOException {
        String dir = trim(path);
        Path placed = place(dir);
        if (!Files.isDirectory(placed, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectory(placed);
            newDirectoryMetadata(placed);
        }
        return placed;
    }

    private static String trim(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private boolean isImageDirectory(String path) {
        return RootfsFiles.resolve(image, path).map(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))
                .orElse(false);
    }

    /**
     * The layer path for image path {@code target}: its parent resolved through the image's links, the directories
     * on the way made in the layer (with the image's metadata where they exist there, new ones otherwise).
     */
    private Path place(String target) throws IOException {
        if (target.equals("/")) {
            return layer;
        }
        int slash = target.lastIndexOf('/');
        String parent = target.substring(0, slash);
        String name = target.substring(slash + 1);
        Path resolvedParent = RootfsFiles.resolve(image, parent.isEmpty() ? "/" : parent).orElse(image);
        String real = "/" + image.relativize(resolvedParent);
        Path dir = layer;
        Path inImage = image;
        for (String part : real.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            dir = dir.resolve(part);
            inImage = inImage.resolve(part);
            if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            Files.createDirectory(dir);
            if (Files.isDirectory(inImage, LinkOption.NOFOLLOW_LINKS)) {
                Map<String, Object> a = Files.readAttributes(inImage, "unix:mode,uid,gid,lastModifiedTime",
                        LinkOption.NOFOLLOW_LINKS);
                FileMetadata.lchown(dir, (Integer) a.get("uid"), (Integer) a.get("gid"));
                FileMetadata.chmod(dir, (Integer) a.get("mode"));
                FileTime time = (FileTime) a.get("lastModifiedTime");
                FileMetadata.setTimes(dir, time, time);
            } else {
                newDirectoryMetadata(dir);
            }
        }
        return dir.resolve(name);
    }

    /** A directory the copy creates: 0755, owned by the {@code --chown} user or root, as Docker makes them. */
    private void newDirectoryMetadata(Path dir) throws IOException {
        FileMetadata.lchown(dir, owner.map(Owner::uid).orElse(0), owner.map(Owner::gid).orElse(0));
        FileMetadata.chmod(dir, 0755);
    }

    private void contents(Path from, Path to, String relative, SourceTree tree) throws IOException {
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(from)) {
            stream.forEach(children::add);
        }
        children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        for (Path child : children) {
            String name = child.getFileName().toString();
            String rel = relative.isEmpty() ? name : relative + "/" + name;
            if (!tree.includes(rel)) {
                continue;
            }
            Path target = to.resolve(name);
            if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                    deleteIfPresent(target);
                    Files.createDirectory(target);
                }
                contents(child, target, rel, tree);
                metadata(child, target, tree);
            } else {
                file(child, target, tree);
            }
        }
    }

    private void file(Path from, Path to, SourceTree tree) throws IOException {
        deleteIfPresent(to);
        if (Files.isSymbolicLink(from)) {
            Files.createSymbolicLink(to, Files.readSymbolicLink(from));
            Map<String, Object> a = Files.readAttributes(from, "unix:uid,gid", LinkOption.NOFOLLOW_LINKS);
            FileMetadata.lchown(to, owner.map(Owner::uid).orElse(tree.rootfs() ? (Integer) a.get("uid") : 0),
                    owner.map(Owner::gid).orElse(tree.rootfs() ? (Integer) a.get("gid") : 0));
            return;
        }
        if (!Files.isRegularFile(from)) {
            // sockets, pipes and devices are not copied, as Docker skips them
            return;
        }
        Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        metadata(from, to, tree);
    }

    /** Owner, mode and modification time of {@code from} onto {@code to}, with {@code --chown}/{@code --chmod}. */
    private void metadata(Path from, Path to, SourceTree tree) throws IOException {
        Map<String, Object> a = Files.readAttributes(from, "unix:mode,uid,gid,lastModifiedTime");
        int uid = owner.map(Owner::uid).orElse(tree.rootfs() ? (Integer) a.get("uid") : 0);
        int gid = owner.map(Owner::gid).orElse(tree.rootfs() ? (Integer) a.get("gid") : 0);
        FileMetadata.lchown(to, uid, gid);
        FileMetadata.chmod(to, chmod.orElse((Integer) a.get("mode") & 07777));
        FileTime time = (FileTime) a.get("lastModifiedTime");
        FileMetadata.setTimes(to, time, time);
    }

    private static void deleteIfPresent(Path target) throws IOException {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            io.jcompose.engine.linux.image.ImageStore.deleteTree(target);
        } else {
            Files.deleteIfExists(target);
        }
    }
}

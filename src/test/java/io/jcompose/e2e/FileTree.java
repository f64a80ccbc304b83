package io.jcompose.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * An image's files as a comparable text per path ({@code file <sha256> 644 0:0}, {@code dir 755 0:0},
 * {@code link -> target 777 0:0}), without timestamps: read from a mounted root filesystem, or flattened from the
 * layer tars of {@code docker save} with their whiteouts applied (a hard link counts as a file with its target's
 * content, as a copy of it would be; device nodes are left out, as the built-in store leaves them out of layers).
 */
final class FileTree {

    private final SortedMap<String, String> entries = new TreeMap<>();

    SortedMap<String, String> entries() {
        return entries;
    }

    /** The files below {@code root} (a mounted image), links not followed. */
    static FileTree walk(Path root) throws IOException {
        FileTree tree = new FileTree();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                if (p.equals(root)) {
                    continue;
                }
                Map<String, Object> a = Files.readAttributes(p, "unix:mode,uid,gid", LinkOption.NOFOLLOW_LINKS);
                String kind;
                if (Files.isSymbolicLink(p)) {
                    kind = "link -> " + Files.readSymbolicLink(p);
                } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    kind = "dir";
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    try (InputStream in = Files.newInputStream(p)) {
                        kind = "file " + sha256(in);
                    }
                } else {
                    kind = "special";
                }
                tree.entries.put("/" + root.relativize(p), describe(kind, (Integer) a.get("mode"),
                        (Integer) a.get("uid"), (Integer) a.get("gid")));
            }
        }
        return tree;
    }

    /** Applies one layer tar over what is there: whiteouts remove, opaque directories drop their old contents. */
    void apply(InputStream layer) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(layer);
        for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
            String path = normalise(e.getName());
            if (path.equals("/") || e.isCharacterDevice() || e.isBlockDevice()) {
                // device nodes: the built-in store keeps none from image layers (the runtime makes /dev)
                continue;
            }
            int slash = path.lastIndexOf('/');
            String dir = path.substring(0, slash);
            String name = path.substring(slash + 1);
            if (name.equals(".wh..wh..opq")) {
                removeBelow(dir);
            } else if (name.startsWith(".wh.")) {
                String gone = dir + "/" + name.substring(4);
                entries.remove(gone);
                removeBelow(gone);
            } else {
                String kind;
                if (e.isSymbolicLink()) {
                    kind = "link -> " + e.getLinkName();
                } else if (e.isDirectory()) {
                    kind = "dir";
                } else if (e.isLink()) {
                    String target = entries.getOrDefault(normalise(e.getLinkName()), "file ? ");
                    kind = target.substring(0, target.lastIndexOf(' ', target.lastIndexOf(' ') - 1));
                } else if (e.isFile()) {
                    kind = "file " + sha256(tar);
                } else {
                    kind = "special";
                }
                if (!e.isDirectory()) {
                    removeBelow(path);
                }
                entries.put(path, describe(kind, e.getMode() & 07777, (int) e.getLongUserId(),
                        (int) e.getLongGroupId()));
            }
        }
    }

    /** This tree less the paths {@code ignored} names (each with what is below it). */
    SortedMap<String, String> without(List<String> ignored) {
        SortedMap<String, String> out = new TreeMap<>(entries);
        for (String path : ignored) {
            out.remove(path);
            out.keySet().removeIf(p -> p.startsWith(path + "/"));
        }
        return out;
    }

    private void removeBelow(String dir) {
        entries.keySet().removeIf(p -> p.startsWith(dir + "/"));
    }

    private static String describe(String kind, int mode, int uid, int gid) {
        return kind + " " + Integer.toOctalString(mode & 07777) + " " + uid + ":" + gid;
    }

    private static String normalise(String name) {
        String n = name.startsWith("./") ? name.substring(2) : name;
        n = n.startsWith("/") ? n.substring(1) : n;
        while (n.endsWith("/")) {
            n = n.substring(0, n.length() - 1);
        }
        return n.isEmpty() || n.equals(".") ? "/" : "/" + n;
    }

    private static String sha256(InputStream in) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[65536];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.jcompose.engine.linux.build;

import io.jcompose.engine.linux.archive.LayerBlobCapture;
import io.jcompose.engine.linux.image.ImageStore;
import io.jcompose.engine.linux.image.StoredImage;
import io.jcompose.engine.linux.layer.LayerUnpacker;
import io.jcompose.engine.linux.sys.Xattrs;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A directory in overlayfs upper-dir form (a container's changes, or files a COPY wrote) turned into an image
 * layer: whiteouts (character devices 0:0) become {@code .wh.<name>} entries, opaque directories a
 * {@code .wh..wh..opq} entry, and owners, modes, times, extended attributes, hard and symbolic links are kept.
 */
public final class UpperDirLayer {

    private static final String OVERLAY_XATTRS = "trusted.overlay.";
    private static final int S_IFMT = 0170000;
    private static final int S_IFDIR = 0040000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFIFO = 0010000;

    private UpperDirLayer() {
    }

    /** Writes {@code dir}'s content as a layer tar (names relative to it, sorted, parents first) to {@code out}. */
    public static void writeTar(Path dir, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, StandardCharsets.UTF_8.name());
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        new Writer(tar).children(dir, "");
        tar.finish();
        tar.flush();
    }

    /**
     * Stores {@code dir}'s content as a layer of {@code store}, with a gzip blob so that images built on it can be
     * pushed. The tar passes through a scratch file of the store, deleted afterwards.
     */
    public static StoredImage.Layer store(Path dir, ImageStore store) throws IOException {
        Path tar = Files.createTempFile(Files.createDirectories(store.layout().tmp()), "build-layer-", ".tar");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tar), 1 << 16)) {
                writeTar(dir, out);
            }
            try (InputStream in = Files.newInputStream(tar);
                 LayerBlobCapture capture = LayerBlobCapture.of(in, store)) {
                ImageStore.LayerContent layer = store.addLayer(Optional.empty(), target -> {
                    ImageStore.LayerContent content = LayerUnpacker.forImageLayers().unpackTar(capture.tar(), target);
                    capture.finish(Optional.empty());
                    return content;
                });
                LayerBlobCapture.Blob blob = capture.blob();
                return new StoredImage.Layer(layer.diffId(), Optional.of(blob.digest()),
                        Optional.of(blob.mediaType()), layer.size());
            }
        } finally {
            Files.deleteIfExists(tar);
        }
    }

    /** One walk: remembers the first name of each multiply linked file so that later names become hard links. */
    private static final class Writer {

        private final TarArchiveOutputStream tar;
        private final Map<String, String> linked = new HashMap<>();

        Writer(TarArchiveOutputStream tar) {
            this.tar = tar;
        }

        void children(Path dir, String prefix) throws IOException {
            List<Path> entries = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
                stream.forEach(entries::add);
            }
            // sorted, so that the same files give the same tar (and diff id) whatever order the directory lists
            entries.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
            for (Path p : entries) {
                add(p, prefix + p.getFileName());
            }
        }

        private void add(Path path, String name) throws IOException {
            Map<String, Object> attrs = Files.readAttributes(path, "unix:mode,uid,gid,ino,dev,nlink,rdev,"
                    + "lastModifiedTime,size", LinkOption.NOFOLLOW_LINKS);
            int mode = (Integer) attrs.get("mode");
            int uid = (Integer) attrs.get("uid");
            int gid = (Integer) attrs.get("gid");
            FileTime mtime = (FileTime) attrs.get("lastModifiedTime");
            switch (mode & S_IFMT) {
                case S_IFDIR -> {
                    TarArchiveEntry entry = entry(name + "/", TarConstants.LF_DIR, mode, uid, gid, mtime);
                    xattrs(path, entry);
                    tar.putArchiveEntry(entry);
                    tar.closeArchiveEntry();
                    if (Xattrs.get(path, "trusted.overlay.opaque").map(v -> v.length == 1 && v[0] == 'y')
                            .orElse(false)) {
                        marker(name + "/.wh..wh..opq", uid, gid, mtime);
                    }
                    children(path, name + "/");
                }
                case S_IFREG -> {
                    String key = attrs.get("dev") + ":" + attrs.get("ino");
                    String first = (Integer) attrs.get("nlink") > 1 ? linked.putIfAbsent(key, name) : null;
                    if (first != null) {
                        TarArchiveEntry entry = entry(name, TarConstants.LF_LINK, mode, uid, gid, mtime);
                        entry.setLinkName(first);
                        tar.putArchiveEntry(entry);
                        tar.closeArchiveEntry();
                        return;
                    }
                    TarArchiveEntry entry = entry(name, TarConstants.LF_NORMAL, mode, uid, gid, mtime);
                    entry.setSize((Long) attrs.get("size"));
                    xattrs(path, entry);
                    tar.putArchiveEntry(entry);
                    try (InputStream in = Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS)) {
                        in.transferTo(tar);
                    }
                    tar.closeArchiveEntry();
                }
                case S_IFLNK -> {
                    TarArchiveEntry entry = entry(name, TarConstants.LF_SYMLINK, mode, uid, gid, mtime);
                    entry.setLinkName(Files.readSymbolicLink(path).toString());
                    xattrs(path, entry);
                    tar.putArchiveEntry(entry);
                    tar.closeArchiveEntry();
                }
                case S_IFCHR -> {
                    if (((Long) attrs.get("rdev")) == 0) {
                        int slash = name.lastIndexOf('/');
                        marker(name.substring(0, slash + 1) + ".wh." + name.substring(slash + 1), uid, gid, mtime);
                    }
                    // other device nodes are left out: image layers must not carry them, and the runtime gives
                    // every container a /dev of its own
                }
                case S_IFIFO -> {
                    TarArchiveEntry entry = entry(name, TarConstants.LF_FIFO, mode, uid, gid, mtime);
                    tar.putArchiveEntry(entry);
                    tar.closeArchiveEntry();
                }
                default -> {
                    // sockets and block devices mean nothing in an image: left out, as Docker leaves sockets
                }
            }
        }

        private void marker(String name, int uid, int gid, FileTime mtime) throws IOException {
            tar.putArchiveEntry(entry(name, TarConstants.LF_NORMAL, 0, uid, gid, mtime));
            tar.closeArchiveEntry();
        }

        private static TarArchiveEntry entry(String name, byte type, int mode, int uid, int gid, FileTime mtime) {
            TarArchiveEntry entry = new TarArchiveEntry(name, type);
            entry.setMode(mode & 07777);
            entry.setUserId(uid);
            entry.setGroupId(gid);
            // whole seconds, as Docker's layer tars have them: sub-second times would add a PAX header per file
            entry.setModTime(mtime.toMillis() / 1000 * 1000);
            return entry;
        }

        /** The file's extended attributes as PAX headers, overlayfs's own bookkeeping left out. */
        private static void xattrs(Path path, TarArchiveEntry entry) throws IOException {
            for (String name : Xattrs.list(path)) {
                if (name.startsWith(OVERLAY_XATTRS)) {
                    continue;
                }
                Optional<byte[]> value = Xattrs.get(path, name);
                value.ifPresent(v -> entry.addPaxHeader("SCHILY.xattr." + name,
                        new String(v, StandardCharsets.UTF_8)));
            }
        }
    }
}

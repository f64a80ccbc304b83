package io.jcompose.engine.linux.layer;

import io.jcompose.engine.linux.image.Digests;
import io.jcompose.engine.linux.image.ImageStore;
import io.jcompose.engine.linux.sys.ErrnoException;
import io.jcompose.engine.linux.sys.FileMetadata;
import io.jcompose.engine.linux.sys.SpecialFiles;
import io.jcompose.engine.linux.sys.Xattrs;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks an image layer (a tar, possibly gzip or zstd compressed) into a directory in the form overlayfs takes as
 * a lower layer: AUFS-style whiteouts become character devices 0:0, opaque markers the {@code trusted.overlay.opaque}
 * attribute. Owners, modes, times and extended attributes are applied as recorded, which needs root.
 *
 * <p>Layers come from anywhere, so every entry is checked before anything is written: no absolute names, no
 * {@code ..}, no path that passes through a symbolic link (each component is looked at without following links),
 * no hard link to something that is not an earlier entry of the layer. A refused layer throws
 * {@link RejectedEntryException}; callers unpack into scratch directories that they delete on failure.
 */
public final class LayerUnpacker {

    private static final String WHITEOUT_PREFIX = ".wh.";
    private static final String OPAQUE_MARKER = ".wh..wh..opq";
    private static final String XATTR_HEADER = "SCHILY.xattr.";
    private static final String OVERLAY_XATTRS = "trusted.overlay.";

    /** What to do with character and block devices, which image layers must not carry. */
    public enum DeviceNodes {
        /** Refuse the layer: a registry layer with devices is hostile or broken. */
        REJECT,
        /** Leave them out: exported root filesystems carry {@code /dev}, which the runtime mounts anew anyway. */
        SKIP
    }

    private final DeviceNodes devices;

    public LayerUnpacker(DeviceNodes devices) {
        this.devices = devices;
    }

    /** The unpacker for layers of pulled, loaded or built images: device nodes are refused. */
    public static LayerUnpacker forImageLayers() {
        return new LayerUnpacker(DeviceNodes.REJECT);
    }

    /**
     * Unpacks the layer {@code in} holds, compressed or not, into the empty directory {@code dir}, reading {@code in}
     * to its end and closing it. The diff id is the digest of the uncompressed tar, trailing padding included.
     * Reading {@code in}, decompressing and digesting run on a thread of their own, ahead of the files being made.
     */
    public ImageStore.LayerContent unpack(InputStream in, Path dir) throws IOException {
        MessageDigest md = Digests.sha256();
        try (InputStream decompressed = Compression.decompressing(in);
             InputStream tar = new ReadAhead(decompressed, md, in)) {
            long size = extract(tar, dir);
            // the diff id covers the end-of-archive blocks and the record padding after them too
            tar.transferTo(OutputStream.nullOutputStream());
            return new ImageStore.LayerContent(Digests.format(md.digest()), size);
        }
    }

    /** As {@link #unpack}, for a stream already uncompressed; {@code tar} is read to its end but not closed. */
    public ImageStore.LayerContent unpackTar(InputStream tar, Path dir) throws IOException {
        MessageDigest md = Digests.sha256();
        InputStream digesting = new DigestInputStream(tar, md);
        long size = extract(digesting, dir);
        digesting.transferTo(OutputStream.nullOutputStream());
        return new ImageStore.LayerContent(Digests.format(md.digest()), size);
    }

    /** Makes the entries of {@code tar} in {@code dir}; returns the bytes of the files. */
    private long extract(InputStream tar, Path dir) throws IOException {
        InputStream unmarkable = new java.io.FilterInputStream(tar) {
            // the tar reader marks and resets streams that allow it, which would digest some bytes twice
            @Override
            public boolean markSupported() {
                return false;
            }

            @Override
            public void close() {
                // the caller reads the rest (the padding) and closes
            }
        };
        Extraction extraction = new Extraction(dir);
        TarArchiveInputStream entries = new TarArchiveInputStream(unmarkable, StandardCharsets.UTF_8.name());
        for (TarArchiveEntry entry; (entry = entries.getNextEntry()) != null; ) {
            extraction.add(entry, entries);
        }
        extraction.finish();
        return extraction.size;
    }

    /** The state of one layer being unpacked. */
    private final class Extraction {

        private final Path root;
        private final Map<Path, FileTime> directoryTimes = new LinkedHashMap<>();
        /**
         * Directories of this layer already seen to be real directories: most entries share their parents, and a
         * look at each parent of each entry cost a system call each. Only {@link #replace} can change what a path
         * is, and it forgets them all.
         */
        private final java.util.Set<Path> knownDirectories = new java.util.HashSet<>();
        private long size;

        Extraction(Path root) {
            this.root = root;
        }

        void add(TarArchiveEntry entry, InputStream content) throws IOException {
            String name = entry.getName();
            try {
                List<String> parts = components(name, name);
                if (parts.isEmpty()) {
                    addRoot(entry);
                    return;
                }
                String last = parts.getLast();
                if (last.startsWith(WHITEOUT_PREFIX)) {
                    addWhiteout(entry, parts);
                    return;
                }
                Path parent = parents(parts, name);
                Path target = parent.resolve(last);
                if (entry.isSymbolicLink()) {
                    addSymlink(entry, target);
                } else if (entry.isLink()) {
                    addHardLink(entry, target);
                } else if (entry.isDirectory()) {
                    addDirectory(entry, target);
                } else if (entry.isFIFO()) {
                    replace(target);
                    SpecialFiles.createFifo(target, entry.getMode());
                    applyMetadata(entry, target);
                    setTimes(target, entry.getLastModifiedTime());
                } else if (entry.isCharacterDevice() || entry.isBlockDevice()) {
                    if (devices == DeviceNodes.REJECT) {
                        throw new RejectedEntryException(name, "device nodes are not allowed in image layers");
                    }
                } else if (entry.isFile()) {
                    addFile(entry, content, target);
                } else {
                    throw new RejectedEntryException(name, "unsupported tar entry type");
                }
            } catch (RejectedEntryException e) {
                throw e;
            } catch (InvalidPathException e) {
                throw new RejectedEntryException(name, "not a valid file name (" + e.getReason() + ")");
            } catch (IOException e) {
                throw new IOException("layer entry \"" + name + "\": " + e.getMessage(), e);
            }
        }

        /** Sets the modification times of the directories last, as adding their content changed them. */
        void finish() throws IOException {
            for (Map.Entry<Path, FileTime> dir : directoryTimes.entrySet()) {
                if (Files.isDirectory(dir.getKey(), LinkOption.NOFOLLOW_LINKS)) {
                    setTimes(dir.getKey(), dir.getValue());
                }
            }
        }

        private void addRoot(TarArchiveEntry entry) throws IOException {
            if (!entry.isDirectory()) {
                throw new RejectedEntryException(entry.getName(), "only a directory may stand for the layer's root");
            }
            applyMetadata(entry, root);
            directoryTimes.put(root, entry.getLastModifiedTime());
        }

        private void addWhiteout(TarArchiveEntry entry, List<String> parts) throws IOException {
            String name = entry.getName();
            String last = parts.getLast();
            Path parent = parents(parts, name);
            if (last.equals(OPAQUE_MARKER)) {
                Xattrs.set(parent, "trusted.overlay.opaque", new byte[] {'y'});
                return;
            }
            if (last.startsWith(WHITEOUT_PREFIX + WHITEOUT_PREFIX)) {
                // AUFS bookkeeping (hard link directories and the like) that means nothing to overlayfs
                return;
            }
            String hidden = last.substring(WHITEOUT_PREFIX.length());
            if (hidden.isEmpty() || hidden.equals(".") || hidden.equals("..")) {
                throw new RejectedEntryException(name, "whiteout of no file");
            }
            Path target = parent.resolve(hidden);
            replace(target);
            SpecialFiles.createWhiteout(target);
            FileMetadata.lchown(target, (int) entry.getLongUserId(), (int) entry.getLongGroupId());
        }

        private void addDirectory(TarArchiveEntry entry, Path target) throws IOException {
            if (!knownDirectories.contains(target) && !Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                replace(target);
                Files.createDirectory(target);
            }
            knownDirectories.add(target);
            applyMetadata(entry, target);
            directoryTimes.put(target, entry.getLastModifiedTime());
        }

        private void addFile(TarArchiveEntry entry, InputStream content, Path target) throws IOException {
            replace(target);
            try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                size += content.transferTo(out);
            }
            applyMetadata(entry, target);
            setTimes(target, entry.getLastModifiedTime());
        }

        private void addSymlink(TarArchiveEntry entry, Path target) throws IOException {
            String linkName = entry.getLinkName();
            if (linkName == null || linkName.isEmpty()) {
                throw new RejectedEntryException(entry.getName(), "symbolic link to nothing");
            }
            replace(target);
            // the link's text is stored as is: it is resolved inside the container's root, never here
            Files.createSymbolicLink(target, Path.of(linkName));
            FileMetadata.lchown(target, (int) entry.getLongUserId(), (int) entry.getLongGroupId());
            applyXattrs(entry, target);
            setTimes(target, entry.getLastModifiedTime());
        }

        private void addHardLink(TarArchiveEntry entry, Path target) throws IOException {
            String name = entry.getName();
            String linkName = entry.getLinkName();
            List<String> parts = components(linkName == null ? "" : linkName, name);
            if (parts.isEmpty()) {
                throw new RejectedEntryException(name, "hard link to the layer's root");
            }
            Path existing = existingParents(parts, name).resolve(parts.getLast());
            BasicFileAttributes attributes = attributes(existing);
            if (attributes == null) {
                throw new RejectedEntryException(name, "hard link to \"" + linkName
                        + "\", which is not an earlier entry of the layer");
            }
            if (attributes.isDirectory()) {
                throw new RejectedEntryException(name, "hard link to the directory \"" + linkName + "\"");
            }
            if (existing.equals(target)) {
                return;
            }
            replace(target);
            Files.createLink(target, existing);
        }

        /**
         * The entry's path as components, without empty and {@code .} ones; absolute paths and {@code ..} are refused
         * rather than cleaned up, as no honest tool writes them into a layer.
         */
        private List<String> components(String path, String entryName) throws RejectedEntryException {
            if (path.startsWith("/")) {
                throw new RejectedEntryException(entryName, "absolute path \"" + path + "\"");
            }
            List<String> parts = new ArrayList<>();
            for (String part : path.split("/")) {
                if (part.equals("..")) {
                    throw new RejectedEntryException(entryName, "path \"" + path + "\" has a \"..\" component");
                }
                if (!part.isEmpty() && !part.equals(".")) {
                    parts.add(part);
                }
            }
            return parts;
        }

        /**
         * The directory the last of {@code parts} goes into, creating missing directories on the way; each existing
         * component is looked at without following links, and one that is not a real directory refuses the entry.
         */
        private Path parents(List<String> parts, String entryName) throws IOException {
            return walk(parts, entryName, true);
        }

        /** As {@link #parents}, but a missing directory means the path names nothing of this layer. */
        private Path existingParents(List<String> parts, String entryName) throws IOException {
            return walk(parts, entryName, false);
        }

        private Path walk(List<String> parts, String entryName, boolean create) throws IOException {
            Path dir = root;
            for (String part : parts.subList(0, parts.size() - 1)) {
                dir = dir.resolve(part);
                if (knownDirectories.contains(dir)) {
                    continue;
                }
                BasicFileAttributes attributes = attributes(dir);
                if (attributes == null && create) {
                    Files.createDirectory(dir);
                    knownDirectories.add(dir);
                } else if (attributes == null) {
                    throw new RejectedEntryException(entryName, "\"" + root.relativize(dir)
                            + "\" is not an earlier entry of the layer");
                } else if (attributes.isSymbolicLink()) {
                    throw new RejectedEntryException(entryName, "its path goes through the symbolic link \""
                            + root.relativize(dir) + "\"");
                } else if (!attributes.isDirectory()) {
                    throw new RejectedEntryException(entryName, "its path goes through \"" + root.relativize(dir)
                            + "\", which is not a directory");
                } else {
                    knownDirectories.add(dir);
                }
            }
            return dir;
        }

        /** Removes what an earlier entry put at {@code target}: a later entry of the same path replaces it. */
        private void replace(Path target) throws IOException {
            BasicFileAttributes attributes = attributes(target);
            if (attributes == null) {
                return;
            }
            knownDirectories.clear();
            if (attributes.isDirectory()) {
                ImageStore.deleteTree(target);
            } else {
                Files.delete(target);
            }
        }

        /** The attributes of {@code path} itself, or null when there is nothing (without an exception's cost). */
        private static BasicFileAttributes attributes(Path path) throws IOException {
            return path.getFileSystem().provider().readAttributesIfExists(path, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
        }

        /** Owner first, as chown clears setuid and setgid, then the whole mode, then extended attributes. */
        private void applyMetadata(TarArchiveEntry entry, Path target) throws IOException {
            FileMetadata.lchown(target, (int) entry.getLongUserId(), (int) entry.getLongGroupId());
            FileMetadata.chmod(target, entry.getMode());
            applyXattrs(entry, target);
        }

        private void applyXattrs(TarArchiveEntry entry, Path target) throws IOException {
            for (Map.Entry<String, String> header : entry.getExtraPaxHeaders().entrySet()) {
                if (!header.getKey().startsWith(XATTR_HEADER)) {
                    continue;
                }
                String name = header.getKey().substring(XATTR_HEADER.length());
                String value = header.getValue();
                // overlayfs metadata comes from whiteouts only: a layer setting it could redirect lookups elsewhere;
                // and the tar reader decodes header values as UTF-8, so a binary value it could not decode is
                // dropped rather than written corrupted
                if (name.startsWith(OVERLAY_XATTRS) || value.indexOf('\uFFFD') >= 0) {
                    continue;
                }
                try {
                    Xattrs.set(target, name, value.getBytes(StandardCharsets.UTF_8));
                } catch (ErrnoException e) {
                    if (e.errno() != ErrnoException.ENOTSUP) {
                        throw e;
                    }
                }
            }
        }

        private static void setTimes(Path target, FileTime modified) throws IOException {
            FileMetadata.setTimes(target, modified, modified);
        }
    }
}

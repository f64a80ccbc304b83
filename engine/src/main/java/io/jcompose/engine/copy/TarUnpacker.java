package io.jcompose.engine.copy;

import io.jcompose.engine.spi.ConflictException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Extracts a tar stream into a host directory as {@code docker cp} does: entries renamed on the way, files owned by
 * whoever runs jcompose (no chown), a directory never replaced by a file nor the reverse, and nothing written
 * outside the directory, whatever the entries' names or links say.
 */
public final class TarUnpacker {

    private TarUnpacker() {
    }

    public static void extract(InputStream in, Path dir, UnaryOperator<String> rename) throws IOException {
        Path root = dir.toRealPath();
        List<TarArchiveEntry> dirs = new ArrayList<>();
        List<Path> dirPaths = new ArrayList<>();
        TarArchiveInputStream tar = new TarArchiveInputStream(in);
        for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
            String name = rename.apply(e.getName());
            Path target = root.resolve(name).normalize();
            if (!target.startsWith(root)) {
                throw new IOException("refusing tar entry \"" + e.getName() + "\": it points outside " + dir);
            }
            if (target.equals(root) && e.isDirectory()) {
                continue; // the content of a directory: the directory itself is the destination, left as it is
            }
            ensureParentInside(root, target, e.getName());
            replaceable(target, e.isDirectory());
            if (e.isDirectory()) {
                Files.createDirectories(target);
                dirs.add(e);
                dirPaths.add(target);
            } else if (e.isSymbolicLink()) {
                Files.createSymbolicLink(target, Path.of(e.getLinkName()));
            } else if (e.isLink()) {
                Path source = root.resolve(rename.apply(e.getLinkName())).normalize();
                if (!source.startsWith(root)) {
                    throw new IOException("refusing hard link \"" + e.getName() + "\": it points outside " + dir);
                }
                Files.createLink(target, source);
            } else if (e.isFile()) {
                Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                finish(target, e);
            }
        }
        // last, so that a read-only directory did not stop its own content from being written
        for (int i = dirs.size() - 1; i >= 0; i--) {
            finish(dirPaths.get(i), dirs.get(i));
        }
    }

    /** The parent is made if missing; if it exists, it must really be inside {@code root}, links resolved. */
    private static void ensureParentInside(Path root, Path target, String entry) throws IOException {
        Path existing = target.getParent();
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null || !existing.toRealPath().startsWith(root)) {
            throw new IOException("refusing tar entry \"" + entry + "\": a link takes it outside " + root);
        }
        Files.createDirectories(target.getParent());
    }

    /** As the daemon's own untar with NoOverwriteDirNonDir: what is there goes, unless the kinds differ. */
    private static void replaceable(Path target, boolean directory) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        boolean isDir = Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS);
        if (isDir && !directory) {
            throw new ConflictException("cannot overwrite directory \"" + target + "\" with non-directory");
        }
        if (!isDir && directory) {
            throw new ConflictException("cannot overwrite non-directory \"" + target + "\" with directory");
        }
        if (!isDir) {
            Files.delete(target);
        }
    }

    private static void finish(Path p, TarArchiveEntry e) throws IOException {
        Files.setPosixFilePermissions(p, permissions(e.getMode()));
        Files.setLastModifiedTime(p, FileTime.from(e.getModTime().toInstant()));
    }

    static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ first, OTHERS_EXECUTE last
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << (8 - i))) != 0) {
                out.add(bits[i]);
            }
        }
        return out;
    }
}

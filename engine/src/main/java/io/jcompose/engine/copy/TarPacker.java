package io.jcompose.engine.copy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A file or directory of the host as a tar stream whose top entry is named {@code root}, with modes, times, owners
 * and links as they are; links inside are kept as links, never followed.
 */
public final class TarPacker {

    private static final int PIPE_SIZE = 64 * 1024;

    private TarPacker() {
    }

    /**
     * Gives {@code consumer} the tar of {@code source} while it is written, so nothing is staged on disk; a failure
     * to read the source is thrown after the consumer returns (it then has a truncated stream).
     */
    static void stream(Path source, String root, Consumer<InputStream> consumer) throws IOException {
        PipedInputStream in = new PipedInputStream(PIPE_SIZE);
        PipedOutputStream out = new PipedOutputStream(in);
        AtomicReference<IOException> failure = new AtomicReference<>();
        Thread writer = Thread.ofVirtual().start(() -> {
            try (out) {
                write(source, root, out);
            } catch (IOException e) {
                failure.set(e);
            }
        });
        try (in) {
            consumer.accept(in);
        } finally {
            in.close(); // a consumer that gave up must not leave the writer blocked on a full pipe
            join(writer);
        }
        // reached only when the consumer read to the end, so a failure here is the source's, not a closed pipe
        if (failure.get() != null) {
            throw failure.get();
        }
    }

    public static void write(Path source, String root, OutputStream out) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        Files.walkFileTree(source, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                add(tar, dir, name(source, dir, root) + "/");
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (attrs.isRegularFile() || attrs.isSymbolicLink()) {
                    add(tar, file, name(source, file, root));
                }
                return FileVisitResult.CONTINUE; // sockets, devices and pipes have no place in a copy
            }
        });
        tar.finish();
    }

    private static String name(Path source, Path p, String root) {
        String relative = source.relativize(p).toString();
        return relative.isEmpty() ? root : root + "/" + relative.replace('\\', '/');
    }

    private static void add(TarArchiveOutputStream tar, Path p, String name) throws IOException {
        boolean link = Files.isSymbolicLink(p);
        TarArchiveEntry entry = link ? new TarArchiveEntry(name, TarConstants.LF_SYMLINK)
                : new TarArchiveEntry(p.toFile(), name);
        if (link) {
            entry.setLinkName(Files.readSymbolicLink(p).toString());
        }
        Map<String, Object> unix = Files.readAttributes(p, "unix:mode,uid,gid,lastModifiedTime",
                LinkOption.NOFOLLOW_LINKS);
        entry.setMode((Integer) unix.get("mode") & 07777 | (link ? 0120000 : entry.isDirectory() ? 040000 : 0100000));
        entry.setUserId(((Number) unix.get("uid")).longValue());
        entry.setGroupId(((Number) unix.get("gid")).longValue());
        entry.setModTime(((FileTime) unix.get("lastModifiedTime")).toMillis());
        if (!link && !entry.isDirectory()) {
            entry.setSize(Files.size(p));
        }
        tar.putArchiveEntry(entry);
        if (!link && !entry.isDirectory()) {
            Files.copy(p, tar);
        }
        tar.closeArchiveEntry();
    }

    private static void join(Thread writer) {
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while copying", e));
        }
    }
}

package io.jcompose.engine.docker;

import io.jcompose.engine.build.Dockerignore;
import io.jcompose.engine.spi.BuildFailedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The tar a build sends to the daemon: the context directory minus what {@code .dockerignore} leaves out, plus the
 * Dockerfile when it lives outside the context or is inline. Written to a temporary file, since contexts can be
 * larger than memory likes.
 *
 * @param dockerfile the Dockerfile's path inside the tar, as the build API's {@code dockerfile} parameter wants it
 */
record BuildContext(Path tar, String dockerfile) implements AutoCloseable {

    /** Where a Dockerfile from outside the context, or an inline one, goes in the tar. */
    static final String GENERATED_DOCKERFILE = ".jcompose.Dockerfile";

    static BuildContext of(Path contextDir, String dockerfile, Optional<String> inline) {
        Path dir = contextDir.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new BuildFailedException("build context " + dir + " is not a directory");
        }
        Path tar = null;
        try {
            tar = Files.createTempFile("jcompose-context-", ".tar");
            String inTar;
            try (TarArchiveOutputStream out = new TarArchiveOutputStream(Files.newOutputStream(tar),
                    StandardCharsets.UTF_8.name())) {
                out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                out.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                inTar = dockerfile(dir, dockerfile, inline, out);
                // an inline Dockerfile has no file for a Dockerfile-specific ignore file to sit beside
                Dockerignore ignore = inline.isPresent() ? Dockerignore.of(dir)
                        : Dockerignore.of(dir, Path.of(dockerfile));
                addTree(dir, inTar, ignore, out);
            }
            return new BuildContext(tar, inTar);
        } catch (IOException e) {
            deleteQuietly(tar);
            throw new BuildFailedException("cannot read build context " + dir + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            deleteQuietly(tar);
            throw new BuildFailedException("cannot read the .dockerignore of " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            deleteQuietly(tar);
            throw e;
        }
    }

    /** Adds the Dockerfile when the context walk would not (inline, or outside the context) and names it. */
    private static String dockerfile(Path dir, String dockerfile, Optional<String> inline, TarArchiveOutputStream out)
            throws IOException {
        if (inline.isPresent()) {
            addBytes(GENERATED_DOCKERFILE, inline.get().getBytes(StandardCharsets.UTF_8), out);
            return GENERATED_DOCKERFILE;
        }
        Path file = dir.resolve(dockerfile).normalize();
        if (!Files.isRegularFile(file)) {
            throw new BuildFailedException("cannot find Dockerfile " + file);
        }
        if (file.startsWith(dir)) {
            return Dockerignore.clean(dir.relativize(file).toString());
        }
        addBytes(GENERATED_DOCKERFILE, Files.readAllBytes(file), out);
        return GENERATED_DOCKERFILE;
    }

    private static void addTree(Path dir, String dockerfile, Dockerignore ignore, TarArchiveOutputStream out)
            throws IOException {
        // like the Docker CLI: the Dockerfile and .dockerignore go to the daemon even when they are ignored
        Set<String> always = Set.of(dockerfile, Dockerignore.FILE_NAME);
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                String name = Dockerignore.clean(dir.relativize(d).toString());
                if (name.isEmpty()) {
                    return FileVisitResult.CONTINUE;
                }
                if (ignore.excludes(name)) {
                    // an exception pattern may still bring back something below it
                    return ignore.hasExceptions() ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
                }
                add(d, name + "/", out);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                String name = Dockerignore.clean(dir.relativize(f).toString());
                if (always.contains(name) || !ignore.excludes(name)) {
                    add(f, name, out);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private static void add(Path file, String name, TarArchiveOutputStream out) throws IOException {
        TarArchiveEntry entry;
        if (Files.isSymbolicLink(file)) {
            entry = new TarArchiveEntry(name, TarArchiveEntry.LF_SYMLINK);
            entry.setLinkName(Files.readSymbolicLink(file).toString());
        } else {
            entry = new TarArchiveEntry(file.toFile(), name);
            entry.setMode(mode(file, entry.isDirectory()));
        }
        out.putArchiveEntry(entry);
        if (entry.isFile() && !entry.isSymbolicLink()) {
            try (InputStream in = Files.newInputStream(file)) {
                in.transferTo(out);
            }
        }
        out.closeArchiveEntry();
    }

    private static void addBytes(String name, byte[] content, TarArchiveOutputStream out) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        entry.setMode(0100644);
        out.putArchiveEntry(entry);
        out.write(content);
        out.closeArchiveEntry();
    }

    /** The file's permission bits where the file system has them, so that executables stay executable. */
    private static int mode(Path file, boolean directory) {
        int type = directory ? 040000 : 0100000;
        try {
            int bits = 0;
            for (PosixFilePermission p : Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS)) {
                bits |= 1 << (8 - p.ordinal());
            }
            return type | bits;
        } catch (UnsupportedOperationException | IOException e) {
            return type | (directory ? 0755 : 0644);
        }
    }

    InputStream open() throws IOException {
        return Files.newInputStream(tar);
    }

    @Override
    public void close() {
        deleteQuietly(tar);
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            file.toFile().deleteOnExit();
        }
    }
}

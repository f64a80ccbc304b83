package io.jcompose.engine.copy;

import io.jcompose.engine.spi.ConflictException;
import io.jcompose.engine.spi.ContainerOps;
import io.jcompose.engine.spi.ContainerOps.PathStat;
import io.jcompose.engine.spi.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code docker cp} between the host and a container, on any backend: which directory to extract into and under
 * what name follows from whether each side exists, is a directory, or ends in {@code /} or {@code /.}, exactly as the
 * Docker CLI decides it. Host paths are absolute and keep the user's trailing {@code /} or {@code /.}.
 */
public final class ContainerCopier {

    private final ContainerOps ops;

    public ContainerCopier(ContainerOps ops) {
        this.ops = ops;
    }

    /** {@code container:source} to {@code destination} on the host; {@code followLink} is {@code -L}. */
    public void toHost(String container, String source, String destination, boolean followLink) {
        String path = source;
        String rename = "";
        PathStat stat = stat(container, source);
        if (followLink && stat.linkTarget().isPresent()) {
            String[] rebased = ArchivePaths.rebaseName(source, ArchivePaths.resolveLink(source,
                    stat.linkTarget().get()));
            path = rebased[0];
            rename = rebased[1];
            stat = stat(container, path);
        }
        String srcBase = ArchivePaths.base(path);
        boolean srcDir = stat.directory() && stat.linkTarget().isEmpty();
        Path dst = Path.of(destination);
        Path dir;
        String root;
        if (Files.isDirectory(dst)) {
            dir = dst;
            root = rename.isEmpty() ? srcBase : rename;
        } else {
            requireCopyable(destination, Files.exists(dst), srcDir);
            if (!Files.isDirectory(dst.getParent())) {
                throw new NotFoundException("destination directory " + dst.getParent() + " does not exist");
            }
            dir = dst.getParent();
            root = dst.getFileName().toString();
        }
        try (InputStream tar = ops.copyFrom(container, path)) {
            TarUnpacker.extract(tar, dir, name -> ArchivePaths.rebase(name, srcBase, root));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code source} on the host to {@code container:destination}; {@code keepOwners} is {@code -a}. */
    public void toContainer(String source, String container, String destination, boolean followLink,
                            boolean keepOwners) {
        Destination dst = destination(container, destination);
        Path src = hostSource(source, followLink);
        String[] rebased = followLink ? ArchivePaths.rebaseName(source, src.toString()) : new String[] {"", ""};
        boolean srcDir = Files.isDirectory(src, LinkOption.NOFOLLOW_LINKS);
        String srcBase = rebased[1].isEmpty() ? ArchivePaths.base(source) : rebased[1];
        String dir;
        String root;
        if (dst.stat().map(PathStat::directory).orElse(false)) {
            dir = dst.path();
            root = srcBase;
        } else {
            requireCopyable(destination, dst.stat().isPresent(), srcDir);
            dir = ArchivePaths.dir(dst.path());
            root = ArchivePaths.base(dst.path());
        }
        try {
            TarPacker.stream(src, root, tar -> ops.copyTo(container, dir, tar, keepOwners));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A tar stream ({@code -} as the source) extracted into {@code destination}, which must be a directory. */
    public void tarToContainer(InputStream tar, String container, String destination, boolean keepOwners) {
        Destination dst = destination(container, destination);
        if (!dst.stat().map(PathStat::directory).orElse(false)) {
            throw new NotFoundException("destination \"" + container + ":" + destination + "\" must be a directory");
        }
        ops.copyTo(container, dst.path(), tar, keepOwners);
    }

    /** {@code container:source} as the daemon's tar stream ({@code -} as the destination); the caller closes it. */
    public InputStream tarFromContainer(String container, String source, boolean followLink) {
        PathStat stat = stat(container, source);
        String path = followLink && stat.linkTarget().isPresent()
                ? ArchivePaths.resolveLink(source, stat.linkTarget().get()) : source;
        return ops.copyFrom(container, path);
    }

    private record Destination(String path, Optional<PathStat> stat) {
    }

    /** The destination in the container, through a link if it is one, as the Docker CLI resolves it. */
    private Destination destination(String container, String destination) {
        Optional<PathStat> stat = ops.stat(container, destination);
        if (stat.flatMap(PathStat::linkTarget).isPresent()) {
            String target = ArchivePaths.resolveLink(destination, stat.get().linkTarget().get());
            return new Destination(target, ops.stat(container, target));
        }
        return new Destination(destination, stat);
    }

    private PathStat stat(String container, String path) {
        return ops.stat(container, path).orElseThrow(() -> new NotFoundException("could not find the file " + path
                + " in container " + container));
    }

    private static Path hostSource(String source, boolean followLink) {
        Path path = Path.of(source);
        try {
            // the parent's links are always resolved; the source's own only with -L
            Path parent = path.toAbsolutePath().getParent().toRealPath();
            Path resolved = followLink ? path.toRealPath() : parent.resolve(ArchivePaths.base(source));
            if (!Files.exists(resolved, LinkOption.NOFOLLOW_LINKS)) {
                throw new NoSuchFileException(source);
            }
            return resolved;
        } catch (NoSuchFileException e) {
            throw new NotFoundException(source + ": no such file or directory", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cases where the Docker CLI refuses before copying anything. */
    private static void requireCopyable(String destination, boolean exists, boolean srcDir) {
        if (exists && srcDir) {
            throw new ConflictException("cannot copy a directory to file " + destination);
        }
        if (!exists && !srcDir && ArchivePaths.assertsDirectory(destination)) {
            throw new NotFoundException("destination directory " + destination + " does not exist");
        }
    }
}

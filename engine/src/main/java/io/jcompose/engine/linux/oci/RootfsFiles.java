package io.jcompose.engine.linux.oci;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads small files of a container's root filesystem as the container would see them: symbolic links are followed
 * as if the rootfs were {@code /}, so an image cannot make the host read its own {@code /etc/shadow}.
 */
public final class RootfsFiles {

    /** As the kernel's {@code MAXSYMLINKS}: more links than this in one path is a loop. */
    private static final int MAX_LINKS = 40;
    /** A passwd or group file larger than this is not one an image should carry. */
    private static final int MAX_BYTES = 4 << 20;

    private RootfsFiles() {
    }

    /** The text of {@code absolutePath} inside {@code rootfs}; empty when it is missing or not a regular file. */
    public static Optional<String> readText(Path rootfs, String absolutePath) {
        Optional<Path> file = resolve(rootfs, absolutePath);
        if (file.isEmpty() || !Files.isRegularFile(file.get(), LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        // NOFOLLOW_LINKS again at open: the last component cannot have been swapped for a link meanwhile
        try (SeekableByteChannel channel = Files.newByteChannel(file.get(),
                Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS));
             InputStream in = Channels.newInputStream(channel)) {
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) {
                throw new UncheckedIOException(new IOException(absolutePath + " in the image is larger than "
                        + MAX_BYTES + " bytes"));
            }
            return Optional.of(new String(bytes, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + absolutePath + " of the image: " + e.getMessage(), e);
        }
    }

    /** The host path of {@code absolutePath} with every link resolved inside {@code rootfs}; empty on a loop. */
    public static Optional<Path> resolve(Path rootfs, String absolutePath) {
        Deque<String> pending = new ArrayDeque<>(components(absolutePath));
        List<String> resolved = new ArrayList<>();
        int links = 0;
        while (!pending.isEmpty()) {
            String name = pending.pollFirst();
            switch (name) {
                case "." -> { }
                // ".." stops at the rootfs, as it stops at "/" inside the container
                case ".." -> {
                    if (!resolved.isEmpty()) {
                        resolved.removeLast();
                    }
                }
                default -> {
                    Path candidate = join(rootfs, resolved).resolve(name);
                    if (!Files.isSymbolicLink(candidate)) {
                        resolved.add(name);
                        continue;
                    }
                    if (++links > MAX_LINKS) {
                        return Optional.empty();
                    }
                    String target;
                    try {
                        target = Files.readSymbolicLink(candidate).toString();
                    } catch (IOException e) {
                        return Optional.empty();
                    }
                    if (target.startsWith("/")) {
                        resolved.clear();
                    }
                    List<String> parts = components(target);
                    for (int i = parts.size() - 1; i >= 0; i--) {
                        pending.addFirst(parts.get(i));
                    }
                }
            }
        }
        return Optional.of(join(rootfs, resolved));
    }

    private static List<String> components(String path) {
        List<String> out = new ArrayList<>();
        for (String part : path.split("/")) {
            if (!part.isEmpty()) {
                out.add(part);
            }
        }
        return out;
    }

    private static Path join(Path rootfs, List<String> names) {
        Path out = rootfs;
        for (String name : names) {
            out = out.resolve(name);
        }
        return out;
    }
}

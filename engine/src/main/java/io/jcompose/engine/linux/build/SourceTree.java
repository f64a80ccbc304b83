package io.jcompose.engine.linux.build;

import io.jcompose.engine.linux.image.Digests;
import io.jcompose.engine.linux.oci.RootfsFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Where COPY and ADD take files from: the build context (what {@code .dockerignore} leaves of it) or the root
 * filesystem of a stage or image. Resolves source patterns (Go {@code filepath.Match} wildcards per path component)
 * and digests what they match for the build cache.
 *
 * @param root     the directory the source paths are relative to
 * @param excluded whether a {@code /}-separated path relative to {@code root} is left out (the context's ignore
 *                 rules; nothing for a rootfs)
 * @param rootfs   a stage's or image's files: links in source paths are followed inside it, owners are kept
 */
public record SourceTree(Path root, Predicate<String> excluded, boolean rootfs) {

    /** A matched source: the file on the host and its path relative to the tree's root. */
    public record Match(Path file, String relative) {
    }

    /** A source path that names nothing (or something outside the tree). */
    public static final class SourceException extends Exception {
        public SourceException(String message) {
            super(message);
        }
    }

    /** The build context with its ignore rules. */
    public static SourceTree context(Path dir, Predicate<String> excluded) {
        return new SourceTree(dir, excluded, false);
    }

    /** A stage's or image's root filesystem. */
    public static SourceTree rootfs(Path dir) {
        return new SourceTree(dir, p -> false, true);
    }

    /** The files and directories {@code source} names, sorted; none is a {@link SourceException}. */
    public List<Match> resolve(String source) throws SourceException {
        List<String> parts = new ArrayList<>();
        for (String part : source.split("/")) {
            switch (part) {
                case "", "." -> { }
                case ".." -> {
                    if (parts.isEmpty()) {
                        if (!rootfs) {
                            throw new SourceException("forbidden path outside the build context: " + source);
                        }
                    } else {
                        parts.removeLast();
                    }
                }
                default -> parts.add(part);
            }
        }
        List<Match> matches = new ArrayList<>();
        walk(root, "", parts, 0, matches);
        if (matches.isEmpty()) {
            throw new SourceException((wildcard(source) ? "no source files were specified" : "\"" + source
                    + "\": not found") + (rootfs ? "" : " in the build context"));
        }
        return matches;
    }

    private void walk(Path dir, String relative, List<String> parts, int index, List<Match> out) {
        if (index == parts.size()) {
            if (relative.isEmpty() || !excluded.test(relative)) {
                out.add(new Match(dir, relative));
            }
            return;
        }
        String part = parts.get(index);
        if (!wildcard(part)) {
            Path next = step(dir, part);
            String rel = relative.isEmpty() ? part : relative + "/" + part;
            if (next != null && Files.exists(next, LinkOption.NOFOLLOW_LINKS)) {
                walk(next, rel, parts, index + 1, out);
            }
            return;
        }
        Pattern pattern = Pattern.compile(globRegex(part));
        List<Path> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            stream.forEach(children::add);
        } catch (IOException e) {
            return;
        }
        children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
        for (Path child : children) {
            String name = child.getFileName().toString();
            if (pattern.matcher(name).matches()) {
                walk(index + 1 < parts.size() ? step(dir, name) : child,
                        relative.isEmpty() ? name : relative + "/" + name, parts, index + 1, out);
            }
        }
    }

    /**
     * The next component: in a rootfs, links along the path are followed inside it, as the stage would see them;
     * in the context, a link is taken as the file it points to when that stays inside the context.
     */
    private Path step(Path dir, String name) {
        Path next = dir.resolve(name);
        if (!Files.isSymbolicLink(next)) {
            return next;
        }
        if (rootfs) {
            return RootfsFiles.resolve(root, "/" + root.relativize(next)).orElse(null);
        }
        try {
            Path real = next.toRealPath();
            return real.startsWith(root.toRealPath()) ? next : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether a path has wildcards in it. */
    public static boolean wildcard(String path) {
        return path.chars().anyMatch(c -> c == '*' || c == '?' || c == '[');
    }

    /** One component's Go-style glob as a regex: {@code *}, {@code ?}, {@code [..]} with {@code ^} or {@code !}. */
    static String globRegex(String glob) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char ch = glob.charAt(i);
            switch (ch) {
                case '*' -> out.append("[^/]*");
                case '?' -> out.append("[^/]");
                case '\\' -> {
                    if (i + 1 < glob.length()) {
                        out.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
                    }
                }
                case '[' -> {
                    int end = glob.indexOf(']', i + 1);
                    if (end < 0) {
                        out.append("\\[");
                    } else {
                        String body = glob.substring(i + 1, end);
                        if (body.startsWith("!") || body.startsWith("^")) {
                            body = "^" + body.substring(1);
                        }
                        out.append('[').append(body.replace("\\", "\\\\")).append(']');
                        i = end;
                    }
                }
                default -> out.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return out.toString();
    }

    /**
     * A digest of what the matches hold, as Docker's cache counts it: every file's path relative to its match,
     * type, permission bits, content and link target; times and (for the context) owners are left out, since
     * COPY sets owners itself and a fresh checkout must not rebuild everything. Ignored files do not count.
     */
    public String digest(List<Match> matches) throws IOException {
        MessageDigest md = Digests.sha256();
        for (Match match : matches) {
            add(md, match.file(), match.relative(), match.relative());
        }
        return Digests.format(md.digest());
    }

    private void add(MessageDigest md, Path file, String relative, String label) throws IOException {
        if (!relative.isEmpty() && excluded.test(relative)) {
            return;
        }
        Map<String, Object> attrs = Files.readAttributes(file, "unix:mode,uid,gid,size", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) attrs.get("mode");
        StringBuilder header = new StringBuilder(label).append('\0').append(Integer.toOctalString(mode));
        if (rootfs) {
            header.append('\0').append(attrs.get("uid")).append(':').append(attrs.get("gid"));
        }
        if (Files.isSymbolicLink(file)) {
            header.append('\0').append(Files.readSymbolicLink(file));
        }
        md.update(header.append('\n').toString().getBytes(StandardCharsets.UTF_8));
        if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    md.update(buffer, 0, n);
                }
            }
        } else if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            List<Path> children = new ArrayList<>();
            try (DirectoryStream<Path> stream = Files.newDirectoryStream(file)) {
                stream.forEach(children::add);
            }
            children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
            for (Path child : children) {
                String name = child.getFileName().toString();
                add(md, child, relative.isEmpty() ? name : relative + "/" + name, label + "/" + name);
            }
        }
    }

    /** Whether {@code relative} (below a match) is in the tree (not ignored). */
    public boolean includes(String relative) {
        return relative.isEmpty() || !excluded.test(relative);
    }
}

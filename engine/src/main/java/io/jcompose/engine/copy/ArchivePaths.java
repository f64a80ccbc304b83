package io.jcompose.engine.copy;

import java.nio.file.Path;

/**
 * Path rules of {@code docker cp}, on slash-separated strings: a trailing {@code /} says "a directory", a trailing
 * {@code /.} says "the content of the directory", and tar entries are renamed one whole path element at a time.
 */
final class ArchivePaths {

    private ArchivePaths() {
    }

    /** Directory and last element of {@code path}; the last element of {@code dir/.} is {@code .}. */
    static String[] split(String path) {
        String cleaned = clean(path);
        if (specifiesCurrentDir(path)) {
            cleaned = cleaned.equals("/") ? "/." : cleaned + "/.";
        }
        int slash = cleaned.lastIndexOf('/');
        if (slash < 0) {
            return new String[] {".", cleaned};
        }
        return new String[] {slash == 0 ? "/" : cleaned.substring(0, slash), cleaned.substring(slash + 1)};
    }

    static String base(String path) {
        return split(path)[1];
    }

    static String dir(String path) {
        return split(path)[0];
    }

    /** {@code .} or ending in {@code /.}: the content of a directory rather than the directory. */
    static boolean specifiesCurrentDir(String path) {
        return path.equals(".") || path.endsWith("/.");
    }

    /** Ending in {@code /} or {@code /.}: the path must be a directory. */
    static boolean assertsDirectory(String path) {
        return path.endsWith("/") || specifiesCurrentDir(path);
    }

    /** {@code link} as seen from the directory of {@code path} when it is relative. */
    static String resolveLink(String path, String link) {
        return link.startsWith("/") ? link : clean(dir(path) + "/" + link);
    }

    /**
     * The name the copy should take when following a link changed the last element ({@code docker cp -L}): the
     * link's own name, keeping a trailing {@code /} or {@code /.} of {@code path} on the resolved path.
     */
    static String[] rebaseName(String path, String resolved) {
        String out = resolved;
        if (specifiesCurrentDir(path) && !specifiesCurrentDir(resolved)) {
            out = resolved + "/.";
        } else if (path.endsWith("/") && !resolved.endsWith("/")) {
            out = resolved + "/";
        }
        String name = base(path).equals(base(out)) ? "" : base(path);
        return new String[] {out, name};
    }

    /** {@code name} with its first element(s) {@code from} replaced by {@code to}; other names are kept. */
    static String rebase(String name, String from, String to) {
        String n = name.startsWith("./") && !from.equals(".") ? name.substring(2) : name;
        String stripped = n.endsWith("/") ? n.substring(0, n.length() - 1) : n;
        String slash = n.endsWith("/") ? "/" : "";
        if (stripped.equals(from)) {
            return to + slash;
        }
        return n.startsWith(from + "/") ? to + n.substring(from.length()) : name;
    }

    private static String clean(String path) {
        String cleaned = Path.of(path.isEmpty() ? "." : path).normalize().toString();
        return cleaned.isEmpty() ? "." : cleaned;
    }
}

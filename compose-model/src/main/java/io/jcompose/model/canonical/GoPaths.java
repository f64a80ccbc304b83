package io.jcompose.model.canonical;

import java.util.ArrayDeque;
import java.util.Deque;

/** Go's {@code path.Clean} for slash-separated paths, which compose applies to mount targets. */
public final class GoPaths {

    private GoPaths() {
    }

    /**
     * The shortest equivalent path: repeated slashes collapse, {@code .} elements go, {@code ..} eats the element
     * before it (and stays only at the start of a relative path); an empty result is {@code .}.
     */
    public static String clean(String path) {
        if (path.isEmpty()) {
            return "";
        }
        if (isClean(path)) {
            return path;
        }
        boolean rooted = path.startsWith("/");
        Deque<String> parts = new ArrayDeque<>();
        for (String part : path.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!parts.isEmpty() && !parts.peekLast().equals("..")) {
                    parts.removeLast();
                } else if (!rooted) {
                    parts.addLast(part);
                }
                continue;
            }
            parts.addLast(part);
        }
        String joined = String.join("/", parts);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }

    /** True when {@link #clean} would return the path unchanged: no empty, {@code .} or {@code ..} element. */
    private static boolean isClean(String path) {
        if (path.equals("/")) {
            return true;
        }
        int start = path.startsWith("/") ? 1 : 0;
        while (true) {
            int end = path.indexOf('/', start);
            int stop = end < 0 ? path.length() : end;
            int length = stop - start;
            if (length == 0 || length <= 2 && path.startsWith(length == 1 ? "." : "..", start)) {
                return false;
            }
            if (end < 0) {
                return true;
            }
            start = end + 1;
        }
    }
}

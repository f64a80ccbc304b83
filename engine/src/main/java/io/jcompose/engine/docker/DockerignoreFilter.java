package io.jcompose.engine.docker;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a {@code .dockerignore} leaves out of a build context, with the Docker CLI's rules: one pattern a line,
 * {@code #} comments, Go {@code filepath.Match} syntax plus {@code **} for any number of directories, {@code !}
 * to take back an exclusion, the last matching pattern wins, and a pattern matching a directory matches all
 * below it.
 */
final class DockerignoreFilter {

    /** One pattern: {@code exception} for a {@code !} line. */
    private record Rule(Pattern regex, boolean exception) {
    }

    private final List<Rule> rules;

    private DockerignoreFilter(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    static DockerignoreFilter none() {
        return new DockerignoreFilter(List.of());
    }

    /** The filter of {@code contextDir/.dockerignore}, or one that keeps everything when there is none. */
    static DockerignoreFilter of(Path contextDir) throws IOException {
        Path file = contextDir.resolve(".dockerignore");
        return Files.isRegularFile(file) ? parse(Files.readString(file, StandardCharsets.UTF_8)) : none();
    }

    static DockerignoreFilter parse(String text) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean exception = line.startsWith("!");
            String pattern = clean(exception ? line.substring(1).strip() : line);
            if (!pattern.isEmpty()) {
                rules.add(new Rule(Pattern.compile(regex(pattern)), exception));
            }
        }
        return new DockerignoreFilter(rules);
    }

    /** Whether some {@code !} pattern may bring back a file below an excluded directory. */
    boolean hasExceptions() {
        return rules.stream().anyMatch(Rule::exception);
    }

    /** Whether {@code path} (relative to the context, {@code /}-separated) is left out of the context. */
    boolean excludes(String path) {
        String file = clean(path);
        String[] parts = file.split("/");
        boolean excluded = false;
        for (Rule rule : rules) {
            if (rule.exception() != excluded) {
                continue; // it could not change the answer
            }
            boolean match = rule.regex().matcher(file).matches();
            StringBuilder parent = new StringBuilder();
            for (int i = 0; !match && i < parts.length - 1; i++) {
                parent.append(i == 0 ? "" : "/").append(parts[i]);
                match = rule.regex().matcher(parent).matches();
            }
            if (match) {
                excluded = !rule.exception();
            }
        }
        return excluded;
    }

    /**
     * Go's {@code filepath.Clean} for relative, slash-separated paths, without a leading {@code /}; a backslash is
     * an escape in a pattern, not a separator, as on Linux.
     */
    static String clean(String path) {
        List<String> out = new ArrayList<>();
        for (String part : path.split("/")) {
            switch (part) {
                case "", "." -> { }
                case ".." -> {
                    if (!out.isEmpty() && !out.getLast().equals("..")) {
                        out.removeLast();
                    } else {
                        out.add(part); // above the context: it can match nothing in it, as in Go
                    }
                }
                default -> out.add(part);
            }
        }
        return String.join("/", out);
    }

    /** A pattern as an anchored regex: {@code *} and {@code ?} stay within a segment, {@code **} crosses them. */
    private static String regex(String pattern) {
        StringBuilder out = new StringBuilder("^");
        for (int i = 0; i < pattern.length(); i++) {
            char ch = pattern.charAt(i);
            switch (ch) {
                case '*' -> {
                    if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
                        i++;
                        if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '/') {
                            i++;
                        }
                        out.append(i + 1 == pattern.length() ? ".*" : "(.*/)?");
                    } else {
                        out.append("[^/]*");
                    }
                }
                case '?' -> out.append("[^/]");
                case '\\' -> {
                    if (i + 1 < pattern.length()) {
                        out.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
                    }
                }
                case '[' -> {
                    int end = pattern.indexOf(']', i + 1);
                    if (end < 0) {
                        out.append("\\[");
                    } else {
                        String body = pattern.substring(i + 1, end);
                        out.append('[').append(body.startsWith("!") ? "^" + body.substring(1) : body).append(']');
                        i = end;
                    }
                }
                case '.', '+', '(', ')', '|', '{', '}', '$', '^', ']' -> out.append('\\').append(ch);
                default -> out.append(ch);
            }
        }
        return out.append('$').toString();
    }
}

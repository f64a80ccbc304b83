package io.jcompose.engine.build;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a {@code .dockerignore} leaves out of a build context, with Docker's rules: one pattern a line, {@code #}
 * comments in the first column, Go {@code filepath.Match} syntax plus {@code **} for any number of directories,
 * {@code !} to take back an exclusion, the last matching pattern wins, a pattern matching a directory matches all
 * below it, and patterns cleaned as paths (a leading {@code /} or {@code ./} means the context's root).
 */
public final class Dockerignore {

    /** The context's ignore file when no Dockerfile-specific one applies. */
    public static final String FILE_NAME = ".dockerignore";

    /** One pattern: {@code exception} for a {@code !} line. */
    private record Rule(Pattern regex, boolean exception) {
    }

    private final List<Rule> rules;
    private final Optional<Path> source;

    private Dockerignore(List<Rule> rules, Optional<Path> source) {
        this.rules = List.copyOf(rules);
        this.source = source;
    }

    /** Keeps everything. */
    public static Dockerignore none() {
        return new Dockerignore(List.of(), Optional.empty());
    }

    /** The rules of {@code contextDir/.dockerignore}, or none when there is no such file. */
    public static Dockerignore of(Path contextDir) throws IOException {
        return read(contextDir.resolve(FILE_NAME));
    }

    /**
     * The rules for building {@code dockerfile} from {@code contextDir}: the Dockerfile-specific
     * {@code <Dockerfile name>.dockerignore} beside the Dockerfile when there is one (BuildKit's choice over the
     * context's), else {@code contextDir/.dockerignore}, else none.
     *
     * @param dockerfile the Dockerfile's path, relative to {@code contextDir} or absolute
     */
    public static Dockerignore of(Path contextDir, Path dockerfile) throws IOException {
        Path file = contextDir.resolve(dockerfile);
        Path specific = file.resolveSibling(file.getFileName() + FILE_NAME);
        return read(Files.isRegularFile(specific) ? specific : contextDir.resolve(FILE_NAME));
    }

    private static Dockerignore read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return none();
        }
        return new Dockerignore(rules(Files.readString(file, StandardCharsets.UTF_8)), Optional.of(file));
    }

    /**
     * The rules of an ignore file's text.
     *
     * @throws IllegalArgumentException for a {@code !} with no pattern, which Docker refuses
     */
    public static Dockerignore parse(String text) {
        return new Dockerignore(rules(text), Optional.empty());
    }

    private static List<Rule> rules(String text) {
        List<Rule> rules = new ArrayList<>();
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        for (String raw : body.split("\r?\n")) {
            if (raw.startsWith("#")) {
                continue; // only in the first column: "  #x" is a pattern, as in Docker
            }
            String line = raw.strip();
            if (line.isEmpty()) {
                continue;
            }
            boolean exception = line.startsWith("!");
            if (exception && line.length() == 1) {
                throw new IllegalArgumentException("illegal exclusion pattern: \"!\"");
            }
            String pattern = clean(exception ? line.substring(1).strip() : line);
            if (!pattern.isEmpty()) {
                rules.add(new Rule(Pattern.compile(regex(pattern)), exception));
            }
        }
        return rules;
    }

    /** The file the rules were read from, when they came from one. */
    public Optional<Path> source() {
        return source;
    }

    /** Whether some {@code !} pattern may bring back a file below an excluded directory. */
    public boolean hasExceptions() {
        return rules.stream().anyMatch(Rule::exception);
    }

    /** Whether {@code path} (relative to the context, {@code /}-separated) is left out of the context. */
    public boolean excludes(String path) {
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
    public static String clean(String path) {
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

    /**
     * A pattern as an anchored regex: {@code *} and {@code ?} stay within a segment, {@code **} crosses them
     * ({@code **}{@code /} also matching no directory at all), and a bracket class is Go's, {@code ^} negating it.
     */
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
                            out.append("(.*/)?");
                        } else {
                            out.append(".*"); // "**" at the end or before more of a name, as in "**.log"
                        }
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
                        out.append('[').append(pattern, i + 1, end).append(']');
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

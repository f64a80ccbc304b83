package io.jcompose.model.source;

import java.util.Optional;

/** Where a value came from: a file (relative to the project directory when shown) and a 1-based line and column. */
public record SourceLocation(String file, int line, int column) {

    /** A location for values that come from no file (defaults, command-line overrides). */
    public static final SourceLocation NONE = new SourceLocation("", 0, 0);

    public static SourceLocation of(String file, int line, int column) {
        return new SourceLocation(file, line, column);
    }

    public static SourceLocation ofFile(String file) {
        return new SourceLocation(file, 0, 0);
    }

    public boolean hasPosition() {
        return line > 0;
    }

    public Optional<String> fileName() {
        return file.isEmpty() ? Optional.empty() : Optional.of(file);
    }

    /** {@code file:line:col}, {@code file} or empty, the prefix of an error line. */
    @Override
    public String toString() {
        if (file.isEmpty()) {
            return "";
        }
        return hasPosition() ? file + ":" + line + ":" + column : file;
    }
}

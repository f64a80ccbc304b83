package io.jcompose.model.dotenv;

import io.jcompose.model.interpolate.Interpolator;
import io.jcompose.model.source.ComposeFileException;
import io.jcompose.model.source.InterpolationException;
import io.jcompose.model.source.KeyPath;
import io.jcompose.model.source.Problem;
import io.jcompose.model.source.SourceLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Reads {@code .env} files statement by statement, the way docker compose v2 (compose-go's dotenv package) does. */
public final class DotenvParser {

    private final String text;
    private final String fileName;
    private final Function<String, Optional<String>> lookup;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Interpolator interpolator;
    private int pos;

    private DotenvParser(String text, String fileName, Function<String, Optional<String>> lookup) {
        this.text = text;
        this.fileName = fileName;
        this.lookup = lookup;
        // compose-go asks the outer environment first and falls back to entries defined earlier in the same file
        this.interpolator =
                new Interpolator(name -> lookup.apply(name).or(() -> Optional.ofNullable(values.get(name))));
    }

    /** Parses {@code content}; entries come back in file order, a repeated key keeps its first position. */
    public static Map<String, String> parse(
            String content, String fileName, Function<String, Optional<String>> lookup) {
        // editors on Windows like to start files with a byte order mark, which must not become part of the first key
        String text = content.startsWith("\uFEFF") ? content.substring(1) : content;
        return new DotenvParser(text, fileName, lookup).statements();
    }

    /** Reads and parses a UTF-8 file; malformed bytes become U+FFFD rather than failing the whole file. */
    public static Map<String, String> read(Path file, Function<String, Optional<String>> lookup) {
        if (Files.isDirectory(file)) {
            throw ComposeFileException.of("env file " + file + " is a directory, expected a file");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw ComposeFileException.of("env file " + file + " not found");
        } catch (IOException e) {
            throw ComposeFileException.of("cannot read env file " + file + ": " + e.getMessage());
        }
        return parse(new String(bytes, StandardCharsets.UTF_8), file.toString(), lookup);
    }

    private Map<String, String> statements() {
        while (skipToStatement()) {
            statement();
        }
        return values;
    }

    /** Skips blank space and comment lines; false at the end of the file. */
    private boolean skipToStatement() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '#') {
                int newline = text.indexOf('\n', pos);
                pos = newline < 0 ? text.length() : newline;
            } else if (isSpace(c)) {
                pos++;
            } else {
                return true;
            }
        }
        return false;
    }

    private void statement() {
        skipExport();
        int keyStart = pos;
        int keyEnd = keyEnd();
        String key = trimEnd(text.substring(keyStart, keyEnd));
        // compose-go rejects only a plain space here and lets a tab or no-break space into the name; we reject all
        if (key.chars().anyMatch(c -> isInlineSpace((char) c))) {
            throw problem(keyStart, "variable name " + quote(key)
                    + " contains a space: expected NAME=value with no space in NAME");
        }
        // a bare name on the last line counts too (compose-go turns it into an entry with an empty key)
        if (keyEnd == text.length() || text.charAt(keyEnd) == '\n') {
            pos = Math.min(keyEnd + 1, text.length());
            inherit(key);
            return;
        }
        pos = skipInlineSpace(keyEnd + 1);
        String value = value();
        values.put(key, value);
    }

    /** A bare {@code NAME} line passes the variable through from the environment, and is dropped when it is unset. */
    private void inherit(String key) {
        if (!key.isEmpty()) {
            lookup.apply(key).ifPresent(value -> values.put(key, value));
        }
    }

    /** compose-go treats {@code export} as a keyword only when whitespace (a newline included) follows it. */
    private void skipExport() {
        int after = pos + "export".length();
        if (text.startsWith("export", pos) && after < text.length() && " \t\n\f\r".indexOf(text.charAt(after)) >= 0) {
            pos = skipInlineSpace(after);
        }
    }

    /** Index of the {@code =}, {@code :} (YAML style) or newline that ends the key, or the end of the text. */
    private int keyEnd() {
        int i = pos;
        while (i < text.length()) {
            int cp = text.codePointAt(i);
            if (cp == '=' || cp == ':' || cp == '\n') {
                return i;
            }
            if (!isKeyChar(cp) && !(cp < 0x100 && isInlineSpace((char) cp))) {
                throw problem(i, "unexpected character " + quote(Character.toString(cp)) + " in variable name "
                        + quote(trimEnd(lineFrom(pos)))
                        + ": expected only letters, digits, \"_\", \".\", \"-\", \"[\" and \"]\"");
            }
            i += Character.charCount(cp);
        }
        return i;
    }

    private String value() {
        if (pos < text.length() && (text.charAt(pos) == '"' || text.charAt(pos) == '\'')) {
            return quoted(text.charAt(pos));
        }
        return unquoted();
    }

    /** The rest of the line, cut at the first {@code " #"} and trimmed; interpolated. */
    private String unquoted() {
        int start = pos;
        String raw = lineFrom(start);
        pos = Math.min(start + raw.length() + 1, text.length());
        int comment = raw.indexOf(" #");
        return interpolate(trimEnd(comment < 0 ? raw : raw.substring(0, comment)), start);
    }

    /**
     * A quoted value, which may span lines. Text after the closing quote is not part of this statement: like
     * compose-go, the next statement starts right there (usually a comment or the newline).
     */
    private String quoted(char quote) {
        int open = pos;
        StringBuilder raw = new StringBuilder();
        boolean escaped = false;
        for (int i = open + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (escaped) {
                escaped = false;
                // only an escaped quote loses its backslash here; double quotes decode the other pairs afterwards
                if (c != quote) {
                    raw.append('\\');
                }
                raw.append(c);
            } else if (c == '\\') {
                escaped = true;
            } else if (c == quote) {
                pos = i + 1;
                return quote == '"' ? interpolate(unescape(raw.toString()), open) : raw.toString();
            } else {
                raw.append(c);
            }
        }
        throw problem(open, "unterminated quoted value: expected a closing " + quote + " before the end of the file");
    }

    /**
     * Decodes the escapes compose-go honours in double quotes: {@code \a \b \f \n \r \t \v \\ \"}, octal
     * {@code \0nnn}, and {@code \$}, which becomes {@code $$} so the interpolator keeps a literal dollar. Anything
     * else (hex, unicode or single-quote escapes) stays as written.
     */
    private static String unescape(String raw) {
        if (raw.indexOf('\\') < 0) {
            return raw;
        }
        StringBuilder out = new StringBuilder(raw.length());
        int i = 0;
        while (i < raw.length()) {
            if (raw.charAt(i) == '\\' && i + 1 < raw.length()) {
                i = unescapeAt(raw, i, out);
            } else {
                out.append(raw.charAt(i++));
            }
        }
        return out.toString();
    }

    /** Appends the meaning of the escape at {@code slash} and returns the index after what it consumed. */
    private static int unescapeAt(String raw, int slash, StringBuilder out) {
        char c = raw.charAt(slash + 1);
        switch (c) {
            case 'a' -> out.append('\u0007');
            case 'b' -> out.append('\b');
            case 'f' -> out.append('\f');
            case 'n' -> out.append('\n');
            case 'r' -> out.append('\r');
            case 't' -> out.append('\t');
            case 'v' -> out.append('\u000B');
            case '\\', '"' -> out.append(c);
            case '$' -> out.append("$$");
            case '0' -> {
                return octal(raw, slash, out);
            }
            default -> {
                out.append('\\');
                return slash + 1;
            }
        }
        return slash + 2;
    }

    /**
     * {@code \0} takes up to three digits; exactly three octal digits worth at most 255 make a character. Otherwise
     * compose-go keeps the text but has already dropped the 0 ({@code \0} becomes a lone backslash, {@code \012}
     * becomes {@code \12}), and so do we.
     */
    private static int octal(String raw, int slash, StringBuilder out) {
        int end = slash + 2;
        while (end < raw.length() && end < slash + 5 && raw.charAt(end) >= '0' && raw.charAt(end) <= '9') {
            end++;
        }
        String digits = raw.substring(slash + 2, end);
        if (digits.length() == 3 && digits.chars().allMatch(d -> d <= '7') && Integer.parseInt(digits, 8) <= 255) {
            out.append((char) Integer.parseInt(digits, 8));
        } else {
            out.append('\\').append(digits);
        }
        return end;
    }

    private String interpolate(String value, int offset) {
        try {
            return interpolator.interpolate(value);
        } catch (InterpolationException e) {
            throw problem(offset, e.problems().getFirst().message());
        }
    }

    private String lineFrom(int start) {
        int newline = text.indexOf('\n', start);
        return text.substring(start, newline < 0 ? text.length() : newline);
    }

    private int skipInlineSpace(int from) {
        int i = from;
        while (i < text.length() && isInlineSpace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private InterpolationException problem(int offset, String message) {
        int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        int line = 1 + (int) text.substring(0, lineStart).chars().filter(c -> c == '\n').count();
        int column = 1 + text.codePointCount(lineStart, offset);
        return new InterpolationException(Problem.at(SourceLocation.of(fileName, line, column), KeyPath.ROOT, message));
    }

    /** Letters, digits and {@code _ . - [ ]}, as compose-go allows (a leading digit included). */
    private static boolean isKeyChar(int cp) {
        if (Character.isLetter(cp) || "_.-[]".indexOf(cp) >= 0) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.DECIMAL_DIGIT_NUMBER
                || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }

    /** Blank within a line, as compose-go's own definition: no newline, but NEL and no-break space. */
    private static boolean isInlineSpace(char c) {
        return c == ' ' || c == '\t' || c == '\u000B' || c == '\f' || c == '\r' || c == '\u0085' || c == '\u00A0';
    }

    /** Unicode White_Space, which compose-go uses between statements and to trim keys and values. */
    private static boolean isSpace(char c) {
        return Character.isSpaceChar(c) || "\t\n\u000B\f\r\u0085".indexOf(c) >= 0;
    }

    private static String trimEnd(String s) {
        int end = s.length();
        while (end > 0 && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        s.codePoints().forEach(cp -> {
            if (cp == '"' || cp == '\\') {
                out.append('\\').appendCodePoint(cp);
            } else if (cp == '\t') {
                out.append("\\t");
            } else if (cp < 0x20 || cp == 0x7f) {
                out.append(String.format("\\u%04x", cp));
            } else {
                out.appendCodePoint(cp);
            }
        });
        return out.append('"').toString();
    }
}

package io.jcompose.engine.linux.build.dockerfile;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Docker's variable expansion in the words of ADD, ARG, COPY, ENV, EXPOSE, FROM, LABEL, STOPSIGNAL, USER, VOLUME,
 * WORKDIR (and ONBUILD's triggers of those): {@code $VAR}, {@code ${VAR}}, {@code ${VAR:-word}},
 * {@code ${VAR-word}}, {@code ${VAR:+word}}, {@code ${VAR+word}}, {@code ${VAR:?msg}}, {@code ${VAR?msg}},
 * {@code ${VAR#pat}}, {@code ${VAR##pat}}, {@code ${VAR%pat}}, {@code ${VAR%%pat}}, {@code ${VAR/pat/repl}} and
 * {@code ${VAR//pat/repl}}. Quotes are taken out as the shell would: nothing is expanded inside single quotes, and
 * inside double quotes the escape character only escapes {@code "}, {@code $} and itself. An unset variable
 * expands to nothing.
 */
public final class WordExpander {

    private final String text;
    private final char escape;
    private final Function<String, Optional<String>> vars;
    private int pos;

    private WordExpander(String text, char escape, Function<String, Optional<String>> vars) {
        this.text = text;
        this.escape = escape;
        this.vars = vars;
    }

    /** {@code word} expanded with {@code vars}, the escape character a backslash. */
    public static String expand(String word, Function<String, Optional<String>> vars) {
        return expand(word, '\\', vars);
    }

    /** {@code word} expanded with {@code vars}, quotes and escapes taken out; one word in, one word out. */
    public static String expand(String word, char escape, Function<String, Optional<String>> vars) {
        WordExpander lexer = new WordExpander(word, escape, vars);
        Fields out = new Fields(false);
        lexer.until(-1, out);
        return out.single();
    }

    /**
     * {@code text} expanded and split into fields on whitespace that is not quoted or escaped, including whitespace
     * an unquoted variable brings in, as the shell splits words (for EXPOSE's and VOLUME's lists, say).
     */
    public static List<String> expandFields(String text, char escape, Function<String, Optional<String>> vars) {
        WordExpander lexer = new WordExpander(text, escape, vars);
        Fields out = new Fields(true);
        lexer.until(-1, out);
        return out.fields();
    }

    /**
     * A here-document's content expanded as the shell expands an unquoted here-document: variables are replaced,
     * quotes are kept as they are, and the escape character only escapes {@code $}, itself and a newline (which it
     * then joins to the next line).
     */
    public static String expandHeredoc(String content, char escape, Function<String, Optional<String>> vars) {
        WordExpander lexer = new WordExpander(content, escape, vars);
        StringBuilder out = new StringBuilder();
        while (lexer.pos < content.length()) {
            char ch = content.charAt(lexer.pos);
            if (ch == escape && lexer.pos + 1 < content.length()) {
                char after = content.charAt(lexer.pos + 1);
                if (after == '$' || after == escape) {
                    out.append(after);
                    lexer.pos += 2;
                    continue;
                }
                if (after == '\n') {
                    lexer.pos += 2;
                    continue;
                }
                out.append(ch);
                lexer.pos++;
            } else if (ch == '$') {
                out.append(lexer.dollar());
            } else {
                out.append(ch);
                lexer.pos++;
            }
        }
        return out.toString();
    }

    /** Where expanded text goes: one word, or fields split where unquoted whitespace is. */
    private static final class Fields {
        private final boolean split;
        private final List<String> fields = new ArrayList<>();
        private final StringBuilder current = new StringBuilder();
        private boolean started;

        Fields(boolean split) {
            this.split = split;
        }

        /** Text that whitespace may split (outside quotes). */
        void unquoted(String s) {
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                if (split && Words.isSpace(ch)) {
                    end();
                } else {
                    current.append(ch);
                    started = true;
                }
            }
        }

        /** Text that stays in the field whatever it holds; an empty quoted string still makes a field. */
        void quoted(String s) {
            current.append(s);
            started = true;
        }

        private void end() {
            if (started) {
                fields.add(current.toString());
                current.setLength(0);
                started = false;
            }
        }

        String single() {
            return current.toString();
        }

        List<String> fields() {
            end();
            return List.copyOf(fields);
        }
    }

    /**
     * Expands up to {@code stop} (consumed) or the end when {@code stop} is -1, into {@code out}; a missing
     * {@code stop} fails.
     */
    private void until(int stop, Fields out) {
        while (pos < text.length()) {
            char ch = text.charAt(pos);
            if (stop >= 0 && ch == stop) {
                pos++;
                return;
            }
            if (ch == '\'') {
                out.quoted(singleQuoted());
            } else if (ch == '"') {
                out.quoted(doubleQuoted());
            } else if (ch == '$') {
                out.unquoted(dollar());
            } else if (ch == escape) {
                pos++;
                if (pos < text.length()) {
                    out.quoted(String.valueOf(text.charAt(pos++))); // an escaped space does not split
                }
            } else {
                out.unquoted(String.valueOf(ch));
                pos++;
            }
        }
        if (stop >= 0) {
            throw new WordExpansionException("syntax error: missing '}' in \"" + text + "\"");
        }
    }

    private String singleQuoted() {
        int end = text.indexOf('\'', pos + 1);
        if (end < 0) {
            throw new WordExpansionException(
                    "unexpected end of statement while looking for matching single-quote in \"" + text + "\"");
        }
        String inside = text.substring(pos + 1, end);
        pos = end + 1;
        return inside;
    }

    private String doubleQuoted() {
        StringBuilder out = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char ch = text.charAt(pos);
            if (ch == '"') {
                pos++;
                return out.toString();
            }
            if (ch == '$') {
                out.append(dollar());
                continue;
            }
            pos++;
            if (ch == escape && pos < text.length()) {
                char after = text.charAt(pos);
                if (after == '"' || after == '$' || after == escape) {
                    out.append(after);
                    pos++;
                    continue;
                }
            }
            out.append(ch);
        }
        throw new WordExpansionException(
                "unexpected end of statement while looking for matching double-quote in \"" + text + "\"");
    }

    /** Expands the {@code $...} at {@code pos}; a {@code $} not followed by a name stays a {@code $}. */
    private String dollar() {
        pos++;
        if (pos >= text.length() || text.charAt(pos) != '{') {
            String name = name();
            return name.isEmpty() ? "$" : vars.apply(name).orElse("");
        }
        pos++;
        if (pos >= text.length()) {
            throw new WordExpansionException("syntax error: missing '}' in \"" + text + "\"");
        }
        String name = name();
        if (name.isEmpty()) {
            throw new WordExpansionException("syntax error: bad substitution in \"" + text + "\"");
        }
        if (pos >= text.length()) {
            throw new WordExpansionException("syntax error: missing '}' in \"" + text + "\"");
        }
        Optional<String> value = vars.apply(name);
        char op = text.charAt(pos++);
        switch (op) {
            case '}' -> {
                return value.orElse("");
            }
            case ':' -> {
                if (pos >= text.length()) {
                    throw new WordExpansionException("syntax error: missing '}' in \"" + text + "\"");
                }
                char modifier = text.charAt(pos++);
                if (modifier != '-' && modifier != '+' && modifier != '?') {
                    throw new WordExpansionException(
                            "unsupported modifier (" + modifier + ") in substitution in \"" + text + "\"");
                }
                String word = nested();
                boolean empty = value.orElse("").isEmpty();
                return switch (modifier) {
                    case '-' -> empty ? word : value.get();
                    case '+' -> empty ? "" : word;
                    default -> {
                        if (empty) {
                            throw new WordExpansionException(
                                    name + ": " + (word.isEmpty() ? "is not allowed to be empty" : word));
                        }
                        yield value.get();
                    }
                };
            }
            case '-' -> {
                String word = nested();
                return value.orElse(word);
            }
            case '+' -> {
                String word = nested();
                return value.isPresent() ? word : "";
            }
            case '?' -> {
                String word = nested();
                if (value.isEmpty()) {
                    throw new WordExpansionException(
                            name + ": " + (word.isEmpty() ? "is not allowed to be unset" : word));
                }
                return value.get();
            }
            case '#', '%' -> {
                boolean longest = pos < text.length() && text.charAt(pos) == op;
                if (longest) {
                    pos++;
                }
                String pattern = nested();
                return op == '#' ? removePrefix(value.orElse(""), pattern, longest)
                        : removeSuffix(value.orElse(""), pattern, longest);
            }
            case '/' -> {
                boolean all = pos < text.length() && text.charAt(pos) == '/';
                if (all) {
                    pos++;
                }
                return substitute(value.orElse(""), all);
            }
            default -> throw new WordExpansionException(
                    "missing ':' in substitution in \"" + text + "\"");
        }
    }

    /** The word of a {@code ${VAR<op>word}}, itself expanded, up to and past the closing brace. */
    private String nested() {
        Fields out = new Fields(false);
        until('}', out);
        return out.single();
    }

    /** {@code ${VAR/pattern/replacement}}: the pattern up to an unescaped {@code /}, the replacement up to {@code }}. */
    private String substitute(String value, boolean all) {
        StringBuilder pattern = new StringBuilder();
        while (pos < text.length() && text.charAt(pos) != '/' && text.charAt(pos) != '}') {
            char ch = text.charAt(pos++);
            if (ch == escape && pos < text.length()) {
                pattern.append(escape).append(text.charAt(pos++));
            } else {
                pattern.append(ch);
            }
        }
        String replacement = "";
        if (pos < text.length() && text.charAt(pos) == '/') {
            pos++;
            replacement = nested();
        } else if (pos < text.length()) {
            pos++; // the closing brace, no replacement: the match is removed
        } else {
            throw new WordExpansionException("syntax error: missing '}' in \"" + text + "\"");
        }
        if (pattern.isEmpty()) {
            return value;
        }
        Matcher m = Pattern.compile(globRegex(pattern.toString())).matcher(value);
        String quoted = Matcher.quoteReplacement(replacement);
        return all ? m.replaceAll(quoted) : m.replaceFirst(quoted);
    }

    private String removePrefix(String value, String pattern, boolean longest) {
        Pattern glob = Pattern.compile(globRegex(pattern));
        for (int n = 0; n <= value.length(); n++) {
            int end = longest ? value.length() - n : n;
            if (glob.matcher(value.substring(0, end)).matches()) {
                return value.substring(end);
            }
        }
        return value;
    }

    private String removeSuffix(String value, String pattern, boolean longest) {
        Pattern glob = Pattern.compile(globRegex(pattern));
        for (int n = 0; n <= value.length(); n++) {
            int start = longest ? n : value.length() - n;
            if (glob.matcher(value.substring(start)).matches()) {
                return value.substring(0, start);
            }
        }
        return value;
    }

    /** A shell pattern ({@code *}, {@code ?}, {@code [...]}, the escape character) as a greedy regex. */
    private String globRegex(String glob) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char ch = glob.charAt(i);
            if (ch == escape && i + 1 < glob.length()) {
                out.append(Pattern.quote(String.valueOf(glob.charAt(++i))));
            } else if (ch == '*') {
                out.append(".*");
            } else if (ch == '?') {
                out.append('.');
            } else if (ch == '[' && glob.indexOf(']', i + 2) > 0) {
                int end = glob.indexOf(']', i + 2);
                String body = glob.substring(i + 1, end);
                if (body.startsWith("!") || body.startsWith("^")) {
                    body = "^" + body.substring(1);
                }
                out.append('[').append(body.replace("\\", "\\\\").replace("[", "\\[")).append(']');
                i = end;
            } else {
                out.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return out.toString();
    }

    /** A variable name: letters, digits and underscores, or a run of digits (a positional parameter). */
    private String name() {
        int start = pos;
        if (pos < text.length() && Character.isDigit(text.charAt(pos))) {
            while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
                pos++;
            }
            return text.substring(start, pos);
        }
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        return text.substring(start, pos);
    }
}

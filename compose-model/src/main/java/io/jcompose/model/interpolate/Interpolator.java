package io.jcompose.model.interpolate;

import io.jcompose.model.source.InterpolationException;
import io.jcompose.model.source.KeyPath;
import io.jcompose.model.source.Problem;
import io.jcompose.model.source.SourceLocation;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Compose-style {@code $VAR} / {@code ${VAR:-default}} substitution that matches compose-go's template package.
 *
 * <p>One instance is meant for one load: it remembers every variable that was used without a default while unset,
 * so that the caller can warn once per variable.
 */
public final class Interpolator {

    /** Real files nest two or three levels; a hard stop keeps hostile input from exhausting the stack. */
    private static final int MAX_NESTING = 100;

    private final Function<String, Optional<String>> lookup;
    private final Set<String> unset = new LinkedHashSet<>();

    public Interpolator(Function<String, Optional<String>> lookup) {
        this.lookup = Objects.requireNonNull(lookup, "lookup");
    }

    /** Replaces every expression in {@code text}; bad syntax or a missing required value throws. */
    public String interpolate(String text) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        return new Pass(text).expand(0, text.length(), 0);
    }

    /** Variables referenced as {@code $VAR} or {@code ${VAR}} while unset, in order of first use. */
    public Set<String> unsetVariables() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(unset));
    }

    /** True when {@link #interpolate} could change {@code text}: it holds $$, $NAME or an opening brace expression. */
    public static boolean containsVariables(String text) {
        for (int i = text.indexOf('$'); i >= 0 && i + 1 < text.length(); i = text.indexOf('$', i + 1)) {
            char next = text.charAt(i + 1);
            if (next == '$' || next == '{' || isNameStart(next)) {
                return true;
            }
        }
        return false;
    }

    /**
     * ASCII letters and underscore, plus the long s (U+017F) and the Kelvin sign (U+212A): compose-go matches names
     * case-insensitively, and Unicode case folding maps those two onto "s" and "k".
     */
    private static boolean isNameStart(char c) {
        return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '\u017F' || c == '\u212A';
    }

    private static boolean isNamePart(char c) {
        return isNameStart(c) || (c >= '0' && c <= '9');
    }

    private static InterpolationException failure(String message) {
        return new InterpolationException(Problem.at(SourceLocation.NONE, KeyPath.ROOT, message));
    }

    /** The operator after a braced name: {@code -}, {@code +} or {@code ?}; {@code colon}: empty counts as unset. */
    private record Operator(char symbol, boolean colon) {

        int length() {
            return colon ? 2 : 1;
        }
    }

    /**
     * One top-level string. Nested defaults are expanded as ranges of the same string, so error messages can always
     * quote the whole original text.
     */
    private final class Pass {

        private final String text;
        private int[] newlineFrom;
        private int[] braceUpTo;

        Pass(String text) {
            this.text = text;
        }

        String expand(int from, int to, int depth) {
            if (depth > MAX_NESTING) {
                throw invalid("expected at most " + MAX_NESTING + " levels of nested ${...}");
            }
            StringBuilder out = new StringBuilder(to - from);
            int i = from;
            while (i < to) {
                int dollar = text.indexOf('$', i, to);
                if (dollar < 0) {
                    out.append(text, i, to);
                    break;
                }
                out.append(text, i, dollar);
                i = substitute(dollar, to, depth, out);
            }
            return out.toString();
        }

        /** Appends the replacement for the {@code $} at {@code dollar} and returns where scanning resumes. */
        private int substitute(int dollar, int to, int depth, StringBuilder out) {
            int next = dollar + 1;
            char c = next < to ? text.charAt(next) : ' ';
            if (c == '$') {
                out.append('$');
                return next + 1;
            }
            if (isNameStart(c)) {
                int end = nameEnd(next, to);
                out.append(plain(text.substring(next, end)));
                return end;
            }
            if (c == '{') {
                return braced(dollar, to, depth, out);
            }
            // compose-go leaves a dollar that starts no expression ("$ ", "$1", a trailing "$") as it is
            out.append('$');
            return next;
        }

        private int braced(int dollar, int to, int depth, StringBuilder out) {
            int nameStart = dollar + 2;
            if (nameStart >= to || !isNameStart(text.charAt(nameStart))) {
                throw invalid("expected a variable name after \"${\", or $$ for a literal $");
            }
            int nameEnd = nameEnd(nameStart, to);
            String name = text.substring(nameStart, nameEnd);
            if (nameEnd < to && text.charAt(nameEnd) == '}') {
                out.append(plain(name));
                return nameEnd + 1;
            }
            Operator op = operatorAt(nameEnd, to);
            if (op == null) {
                throw invalid(nameEnd >= to
                        ? "expected \"}\" after \"${" + name + "\""
                        : "expected \"}\" or one of :-, -, :?, ?, :+, + after \"${" + name + "\"");
            }
            int argStart = nameEnd + op.length();
            int close = closingBrace(dollar, argStart, to);
            if (close < 0) {
                throw invalid("expected \"}\" to close \"${" + name + "\" on the same line");
            }
            out.append(apply(op, name, argStart, close, depth));
            return close + 1;
        }

        private int nameEnd(int start, int to) {
            int i = start;
            while (i < to && isNamePart(text.charAt(i))) {
                i++;
            }
            return i;
        }

        private Operator operatorAt(int i, int to) {
            if (i >= to) {
                return null;
            }
            boolean colon = text.charAt(i) == ':';
            int at = colon ? i + 1 : i;
            if (at >= to || "-+?".indexOf(text.charAt(at)) < 0) {
                return null;
            }
            return new Operator(text.charAt(at), colon);
        }

        /**
         * Where the argument of <code>${NAME:-...}</code> ends, or -1. compose-go first takes everything up to the last
         * "}" on the line (its pattern is greedy and stops at a newline), then cuts that back at the first brace that
         * balances the opening one.
         */
        private int closingBrace(int dollar, int argStart, int to) {
            int limit = Math.min(newlineFrom(argStart), to);
            int greedy = limit > argStart ? braceUpTo(limit - 1) : -1;
            if (greedy < argStart) {
                return -1;
            }
            int open = 0;
            for (int i = dollar; i <= greedy; i++) {
                char c = text.charAt(i);
                if (c == '}' && --open == 0) {
                    return i;
                }
                if (c == '{') {
                    open++;
                    i++; // compose-go's counter skips the character after an opening brace, so "{}" never closes
                }
            }
            return greedy;
        }

        private String apply(Operator op, String name, int argStart, int argEnd, int depth) {
            Optional<String> value = lookup.apply(name);
            boolean present = op.colon() ? value.filter(v -> !v.isEmpty()).isPresent() : value.isPresent();
            return switch (op.symbol()) {
                case '-' -> present ? value.get() : expand(argStart, argEnd, depth + 1);
                case '+' -> present ? expand(argStart, argEnd, depth + 1) : "";
                default -> {
                    if (present) {
                        yield value.get();
                    }
                    throw missing(name, expand(argStart, argEnd, depth + 1));
                }
            };
        }

        private String plain(String name) {
            Optional<String> value = lookup.apply(name);
            if (value.isEmpty()) {
                unset.add(name);
            }
            return value.orElse("");
        }

        private int newlineFrom(int i) {
            index();
            return newlineFrom[i];
        }

        private int braceUpTo(int i) {
            index();
            return braceUpTo[i];
        }

        /** Built once per string and only when an operator shows up, so long lines stay linear. */
        private void index() {
            if (newlineFrom != null) {
                return;
            }
            int n = text.length();
            newlineFrom = new int[n + 1];
            braceUpTo = new int[n];
            newlineFrom[n] = n;
            for (int i = n - 1; i >= 0; i--) {
                newlineFrom[i] = text.charAt(i) == '\n' ? i : newlineFrom[i + 1];
            }
            int last = -1;
            for (int i = 0; i < n; i++) {
                last = text.charAt(i) == '}' ? i : last;
                braceUpTo[i] = last;
            }
        }

        private InterpolationException invalid(String hint) {
            return failure("invalid interpolation format for " + quote(text) + ": " + hint);
        }

        private InterpolationException missing(String name, String reason) {
            String message = "required variable " + name + " is missing a value";
            return failure(reason.isEmpty() ? message : message + ": " + reason);
        }
    }

    /** Double-quotes a string, escaping what would otherwise break the one-line message. */
    private static String quote(String s) {
        StringBuilder out = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"', '\\' -> out.append('\\').append(c);
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}

package io.jcompose.engine.linux.build.dockerfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code --name[=value]} options that open an instruction's arguments, checked against the ones it takes. Values
 * are kept as written, quotes included.
 */
final class Flags {

    /** How a flag takes its value. */
    enum Kind {
        /** {@code --name=value}, once. */
        STRING,
        /** {@code --name}, {@code --name=true} or {@code --name=false}. */
        BOOLEAN,
        /** {@code --name=value}, any number of times. */
        REPEATED
    }

    /** The flags' words and the arguments after them. */
    record Split(List<String> flags, String rest) {
    }

    private final Map<String, List<String>> values;

    private Flags(Map<String, List<String>> values) {
        this.values = values;
    }

    /**
     * Cuts the leading words that start with {@code --} off {@code text}; a word {@code --} alone ends them and is
     * dropped. Whitespace inside quotes or after the escape character does not end a flag's word.
     */
    static Split split(String text, char escape) {
        List<String> flags = new ArrayList<>();
        int i = skipSpace(text, 0);
        while (text.startsWith("--", i)) {
            int end = i;
            char quote = 0;
            while (end < text.length() && (quote != 0 || !Words.isSpace(text.charAt(end)))) {
                char ch = text.charAt(end);
                if (quote == 0 && ch == escape && end + 1 < text.length()) {
                    end++;
                } else if (quote == 0 && (ch == '"' || ch == '\'')) {
                    quote = ch;
                } else if (ch == quote) {
                    quote = 0;
                }
                end++;
            }
            String word = text.substring(i, end);
            i = skipSpace(text, end);
            if (word.equals("--")) {
                break;
            }
            flags.add(word);
        }
        return new Split(flags, text.substring(i));
    }

    private static int skipSpace(String text, int i) {
        while (i < text.length() && Words.isSpace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** The flags' values, or the fault {@code fail} makes of the first unknown, repeated or ill-valued flag. */
    static Flags check(List<String> words, Map<String, Kind> allowed, Function<String, DockerfileException> fail) {
        Map<String, List<String>> values = new LinkedHashMap<>();
        for (String word : words) {
            int eq = word.indexOf('=');
            String name = (eq < 0 ? word.substring(2) : word.substring(2, eq)).toLowerCase(java.util.Locale.ROOT);
            Optional<String> value = eq < 0 ? Optional.empty() : Optional.of(word.substring(eq + 1));
            Kind kind = allowed.get(name);
            if (kind == null) {
                throw fail.apply("unknown flag: --" + name + Suggestions.didYouMean(name, allowed.keySet(), "--"));
            }
            String resolved = switch (kind) {
                case BOOLEAN -> {
                    String v = value.orElse("true");
                    if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                        throw fail.apply("expecting boolean value for flag --" + name + ", not: " + v);
                    }
                    yield v.toLowerCase(java.util.Locale.ROOT);
                }
                case STRING, REPEATED -> {
                    if (value.isEmpty() || value.get().isEmpty()) {
                        throw fail.apply("missing a value on flag: --" + name);
                    }
                    yield value.get();
                }
            };
            List<String> list = values.computeIfAbsent(name, n -> new ArrayList<>());
            if (kind != Kind.REPEATED && !list.isEmpty()) {
                throw fail.apply("duplicate flag specified: --" + name);
            }
            list.add(resolved);
        }
        return new Flags(values);
    }

    Optional<String> string(String name) {
        return values.getOrDefault(name, List.of()).stream().findFirst();
    }

    boolean bool(String name) {
        return string(name).map(Boolean::parseBoolean).orElse(false);
    }

    List<String> list(String name) {
        return List.copyOf(values.getOrDefault(name, List.of()));
    }
}

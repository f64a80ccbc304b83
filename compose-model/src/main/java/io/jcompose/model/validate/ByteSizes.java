package io.jcompose.model.validate;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte sizes as compose writes them: {@code 512}, {@code 512k}, {@code 1.5g}, {@code 64mb}, binary multiples. */
public final class ByteSizes {

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgtp]?)(i?b?)");

    private ByteSizes() {
    }

    public static Optional<Long> parse(String text) {
        String t = text.strip();
        int start = t.startsWith("-") ? 1 : 0;
        if (t.length() - start <= 18 && Durations.digits(t, start, t.length())) {
            return Optional.of(Long.parseLong(t));
        }
        Matcher m = SIZE.matcher(t.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        double number = Double.parseDouble(m.group(1));
        long unit = switch (m.group(2)) {
            case "k" -> 1L << 10;
            case "m" -> 1L << 20;
            case "g" -> 1L << 30;
            case "t" -> 1L << 40;
            case "p" -> 1L << 50;
            default -> 1L;
        };
        return Optional.of((long) (number * unit));
    }
}

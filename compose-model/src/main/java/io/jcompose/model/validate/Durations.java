package io.jcompose.model.validate;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Go-style durations ({@code 1h2m3s}, {@code 1.5s}, {@code 500ms}, and the {@code d}/{@code w} units compose also
 * takes), the syntax compose uses for times, and Go's way of printing them back ({@code 90s} is {@code 1m30s}).
 */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|μs|ms|s|m|h|d|w)");
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private Durations() {
    }

    public static boolean isValid(String text) {
        return parse(text).isPresent();
    }

    /** Parses a duration; a bare number is seconds (docker compose wants a unit, we are lenient). */
    public static Optional<Duration> parse(String text) {
        String t = text.strip();
        if (t.isEmpty()) {
            return Optional.empty();
        }
        if (t.length() <= 18 && digits(t, 0, t.length())) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(t)));
        }
        Matcher m = PART.matcher(t);
        int at = 0;
        // whole numbers (10s, 1m30s: nearly all durations) add up exactly in a long; the first fraction switches
        // to decimals. Not touching BigDecimal at all spares its class initialisation, a few milliseconds cold.
        long whole = 0;
        BigDecimal nanos = null;
        while (m.find() && m.start() == at) {
            String number = m.group(1);
            long unit = unitNanos(m.group(2));
            if (nanos == null && number.length() <= 18 && digits(number, 0, number.length())) {
                try {
                    whole = Math.addExact(whole, Math.multiplyExact(Long.parseLong(number), unit));
                } catch (ArithmeticException tooLong) {
                    return Optional.empty();
                }
            } else {
                nanos = (nanos == null ? BigDecimal.valueOf(whole) : nanos).add(new BigDecimal(
                        number.endsWith(".") ? number + "0" : number).multiply(BigDecimal.valueOf(unit)));
            }
            at = m.end();
        }
        if (at != t.length() || nanos != null && nanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(nanos == null ? whole : nanos.longValue()));
    }

    /** The text as docker compose prints it: Go's {@code time.Duration.String()}, or empty when invalid. */
    public static Optional<String> normalize(String text) {
        return parse(text).map(Durations::format);
    }

    /** Go's {@code time.Duration.String()}: {@code 0s}, {@code 1.5ms}, {@code 1m30s}, {@code 1h0m0s}. */
    public static String format(Duration duration) {
        long nanos = duration.toNanos();
        if (nanos == 0) {
            return "0s";
        }
        if (nanos < NANOS_PER_SECOND) {
            if (nanos < 1_000) {
                return nanos + "ns";
            }
            if (nanos < 1_000_000) {
                return fraction(nanos, 3) + "µs";
            }
            return fraction(nanos, 6) + "ms";
        }
        String seconds = fraction(nanos % (60 * NANOS_PER_SECOND), 9) + "s";
        long minutes = nanos / (60 * NANOS_PER_SECOND);
        if (minutes == 0) {
            return seconds;
        }
        long hours = minutes / 60;
        return (hours > 0 ? hours + "h" : "") + (minutes % 60) + "m" + seconds;
    }

    /** {@code value / 10^digits} with trailing zeros (and a bare point) dropped. */
    private static String fraction(long value, int digits) {
        // whole units (10s, 1m30s: nearly all of them) need no decimal arithmetic
        long scale = 1;
        for (int i = 0; i < digits; i++) {
            scale *= 10;
        }
        if (value % scale == 0) {
            return Long.toString(value / scale);
        }
        return BigDecimal.valueOf(value, digits).stripTrailingZeros().toPlainString();
    }

    /** True when {@code text[from, to)} is one or more ASCII digits. */
    static boolean digits(String text, int from, int to) {
        if (from >= to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static long unitNanos(String unit) {
        return switch (unit) {
            case "ns" -> 1L;
            case "us", "µs", "μs" -> 1_000L;
            case "ms" -> 1_000_000L;
            case "s" -> NANOS_PER_SECOND;
            case "m" -> 60 * NANOS_PER_SECOND;
            case "h" -> 3600 * NANOS_PER_SECOND;
            case "d" -> 86_400 * NANOS_PER_SECOND;
            default -> 7 * 86_400 * NANOS_PER_SECOND;
        };
    }
}

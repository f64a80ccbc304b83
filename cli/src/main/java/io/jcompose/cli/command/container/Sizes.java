package io.jcompose.cli.command.container;

import io.jcompose.cli.UsageException;
import java.util.Locale;

/** Byte sizes as docker flags take them ({@code 512m}, {@code 1g}, {@code 1024}) and as its tables show them. */
final class Sizes {

    private Sizes() {
    }

    /** {@code 64m} is 64 MiB: docker's flags count in powers of 1024. */
    static long bytes(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replaceFirst("i?b$", "");
        long unit = 1;
        if (!t.isEmpty() && "kmgt".indexOf(t.charAt(t.length() - 1)) >= 0) {
            unit = 1L << (10 * ("kmgt".indexOf(t.charAt(t.length() - 1)) + 1));
            t = t.substring(0, t.length() - 1);
        }
        try {
            double value = Double.parseDouble(t);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return (long) (value * unit);
        } catch (NumberFormatException e) {
            throw new UsageException("invalid size: '" + text + "'");
        }
    }

    /** {@code 1.5MiB}, as {@code docker stats} shows memory. */
    static String binary(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int i = 0;
        while (value >= 1024 && i < units.length - 1) {
            value /= 1024;
            i++;
        }
        return format(value) + units[i];
    }

    /** {@code 1.5MB}, as {@code docker stats} shows network and block I/O. */
    static String decimal(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        double value = bytes;
        int i = 0;
        while (value >= 1000 && i < units.length - 1) {
            value /= 1000;
            i++;
        }
        return format(value) + units[i];
    }

    /** Three significant digits at most, without trailing zeros, as docker's sizes read. */
    private static String format(double value) {
        String s = value >= 100 ? String.format(Locale.ROOT, "%.0f", value)
                : value >= 10 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.2f", value);
        if (s.contains(".")) {
            s = s.replaceFirst("0+$", "").replaceFirst("\\.$", "");
        }
        return s;
    }
}

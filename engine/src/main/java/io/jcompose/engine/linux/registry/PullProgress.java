package io.jcompose.engine.linux.registry;

import io.jcompose.engine.linux.image.Digests;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns a pull's events into Docker's progress lines ({@code 3f4ca61aafcd: Downloading 12.3MB/40.1MB}) for one
 * consumer, whichever download thread reports them; byte counts are throttled so that a fast download does not emit
 * a line per chunk.
 */
final class PullProgress {

    private final Consumer<String> sink;
    private final long intervalNanos;
    private final Map<String, Long> lastReport = new HashMap<>();

    PullProgress(Consumer<String> sink, Duration interval) {
        this.sink = sink;
        this.intervalNanos = interval.toNanos();
    }

    synchronized void line(String text) {
        sink.accept(text);
    }

    /** {@code <12 hex of the blob>: status}, as Docker names layers while pulling. */
    synchronized void layer(Descriptor layer, String status) {
        sink.accept(Digests.shortId(layer.digest()) + ": " + status);
    }

    /** A byte count; reported when the last report is old enough, and always at the end. */
    synchronized void downloading(Descriptor layer, long done) {
        long now = System.nanoTime();
        Long last = lastReport.get(layer.digest());
        boolean finished = layer.size() > 0 && done >= layer.size();
        if (last != null && now - last < intervalNanos && !finished) {
            return;
        }
        lastReport.put(layer.digest(), now);
        String total = layer.size() > 0 ? "/" + humanSize(layer.size()) : "";
        sink.accept(Digests.shortId(layer.digest()) + ": Downloading " + humanSize(done) + total);
    }

    /** Decimal units with three significant digits, as Docker prints sizes: {@code 512B}, {@code 3.07kB}, {@code 40.1MB}. */
    static String humanSize(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB", "PB"};
        double value = bytes;
        int unit = 0;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        if (unit == 0) {
            return bytes + "B";
        }
        String digits = value >= 100 ? String.format(Locale.ROOT, "%.0f", value)
                : value >= 10 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.2f", value);
        return digits + units[unit];
    }
}

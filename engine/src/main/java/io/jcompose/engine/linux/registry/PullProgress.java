package io.jcompose.engine.linux.registry;

import io.jcompose.engine.linux.image.Digests;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns a pull's (or a push's) events into Docker's progress lines ({@code 3f4ca61aafcd: Downloading 12.3MB/40.1MB})
 * for one consumer, whichever transfer thread reports them; byte counts are throttled so that a fast transfer does
 * not emit a line per chunk.
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

    /** {@code <12 hex of the digest>: status}. */
    synchronized void layer(String digest, String status) {
        sink.accept(Digests.shortId(digest) + ": " + status);
    }

    /** {@code <12 hex of the blob>: Downloading <done>/<size>}, throttled. */
    void downloading(Descriptor layer, long done) {
        transferring(layer.digest(), Digests.shortId(layer.digest()), "Downloading", done, layer.size());
    }

    /**
     * {@code <id>: <verb> <done>/<total>} for the transfer of blob {@code digest}; reported when the last report is
     * old enough, and always at the end. A push names its layers by diff id, as Docker does.
     */
    synchronized void transferring(String digest, String id, String verb, long done, long total) {
        long now = System.nanoTime();
        Long last = lastReport.get(digest);
        boolean finished = total > 0 && done >= total;
        if (last != null && now - last < intervalNanos && !finished) {
            return;
        }
        lastReport.put(digest, now);
        sink.accept(id + ": " + verb + " " + humanSize(done) + (total > 0 ? "/" + humanSize(total) : ""));
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

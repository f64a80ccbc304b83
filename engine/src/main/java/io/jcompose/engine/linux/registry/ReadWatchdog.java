package io.jcompose.engine.linux.registry;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Fails response bodies that stop delivering data. {@link java.net.http.HttpClient}'s request timeout ends when the
 * headers arrive, after which a registry (or a proxy) that goes silent would block a download forever; this closes
 * such a body from outside, which wakes the blocked reader, and makes its read fail with a retryable error.
 */
final class ReadWatchdog implements AutoCloseable {

    private final long stallNanos;
    private final Set<Watched> watched = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;

    ReadWatchdog(Duration stallTimeout) {
        this.stallNanos = stallTimeout.toNanos();
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("registry-read-watchdog").factory());
        long period = Math.max(10, Math.min(1000, stallTimeout.toMillis() / 4));
        timer.scheduleAtFixedRate(this::check, period, period, TimeUnit.MILLISECONDS);
    }

    /** {@code in}, failing with {@code what} named when it delivers nothing for the stall timeout. */
    InputStream watch(InputStream in, String what) {
        Watched w = new Watched(in, what);
        watched.add(w);
        return w;
    }

    private void check() {
        long now = System.nanoTime();
        for (Watched w : watched) {
            if (now - w.lastProgress > stallNanos) {
                w.stalled = true;
                watched.remove(w);
                try {
                    w.closeDelegate();
                } catch (IOException ignored) {
                    // the reader gets its error from the flag
                }
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private final class Watched extends FilterInputStream {
        private final String what;
        private volatile long lastProgress = System.nanoTime();
        private volatile boolean stalled;

        Watched(InputStream in, String what) {
            super(in);
            this.what = what;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = super.read(b, off, len);
                lastProgress = System.nanoTime();
                return n;
            } catch (IOException e) {
                if (stalled) {
                    throw new RegistryTransferException(what + ": no data for "
                            + Duration.ofNanos(stallNanos).toMillis() + " ms, giving up on this attempt", e);
                }
                throw RegistryTransferException.of(what, e);
            }
        }

        void closeDelegate() throws IOException {
            super.close();
        }

        @Override
        public void close() throws IOException {
            watched.remove(this);
            super.close();
        }
    }
}

package io.jcompose.engine.linux.container;

import io.jcompose.engine.spi.ContainerOps;
import java.io.IOException;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.BooleanSupplier;

/**
 * A container's log file in the {@code k8s-file} format of conmon, which our monitor writes too: one line per record,
 * {@code <RFC 3339 nano time> <stdout|stderr> <F|P> <text>}, where {@code P} marks a piece of a longer line that
 * the next record continues. Reading honours {@code --tail}, {@code --since}, {@code --until}, {@code -t} and
 * {@code -f} (which ends when the container is no longer running and the file has no more to give).
 */
public final class ContainerLogs {

    private ContainerLogs() {
    }

    /** One complete line of output. */
    record Entry(Instant time, boolean stderr, String text) {
    }

    public static void read(Path file, ContainerOps.LogOptions options, ContainerOps.LogSink sink,
                            BooleanSupplier running) {
        read(file, 0, options, sink, running);
    }

    /**
     * As {@link #read(Path, ContainerOps.LogOptions, ContainerOps.LogSink, BooleanSupplier)}, from byte {@code from}
     * of the file on (an attach shows only what a run writes after it began).
     */
    public static void read(Path file, long from, ContainerOps.LogOptions options, ContainerOps.LogSink sink,
                            BooleanSupplier running) {
        long position = from;
        StringBuilder pending = new StringBuilder();
        StringBuilder partialStdout = new StringBuilder();
        StringBuilder partialStderr = new StringBuilder();
        try {
            // the first pass reads what is there, keeping only the last N lines when --tail asks
            Deque<Entry> tail = new ArrayDeque<>();
            int limit = options.tail().orElse(-1);
            boolean first = true;
            while (true) {
                boolean wasRunning = running.getAsBoolean();
                if (Files.exists(file)) {
                    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
                        if (raf.length() < position) {
                            position = 0;
                        }
                        raf.seek(position);
                        byte[] chunk = new byte[(int) Math.min(4 << 20, raf.length() - position)];
                        raf.readFully(chunk);
                        position += chunk.length;
                        pending.append(new String(chunk, StandardCharsets.UTF_8));
                    }
                }
                int nl;
                while ((nl = pending.indexOf("\n")) >= 0) {
                    String line = pending.substring(0, nl);
                    pending.delete(0, nl + 1);
                    Entry e = parse(line, partialStdout, partialStderr);
                    if (e == null || options.since().isPresent() && e.time().isBefore(options.since().get())) {
                        continue;
                    }
                    if (options.until().isPresent() && e.time().isAfter(options.until().get())) {
                        continue;
                    }
                    if (first && limit >= 0) {
                        tail.addLast(e);
                        if (tail.size() > limit) {
                            tail.removeFirst();
                        }
                    } else {
                        emit(e, options, sink);
                    }
                }
                if (first) {
                    tail.forEach(e -> emit(e, options, sink));
                    tail.clear();
                    first = false;
                }
                if (!options.follow() || !wasRunning) {
                    return;
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the container was removed while we read: its logs end here
        }
    }

    private static void emit(Entry e, ContainerOps.LogOptions options, ContainerOps.LogSink sink) {
        sink.line(options.timestamps() ? e.time() + " " + e.text() : e.text(), e.stderr());
    }

    /** A complete line, or null while a partial one is being collected (or for a malformed record). */
    static Entry parse(String line, StringBuilder partialStdout, StringBuilder partialStderr) {
        int a = line.indexOf(' ');
        int b = a < 0 ? -1 : line.indexOf(' ', a + 1);
        int c = b < 0 ? -1 : line.indexOf(' ', b + 1);
        if (c < 0) {
            return null;
        }
        Instant time;
        try {
            time = java.time.OffsetDateTime.parse(line.substring(0, a)).toInstant();
        } catch (DateTimeParseException ex) {
            return null;
        }
        boolean stderr = line.startsWith("stderr", a + 1);
        boolean partial = line.charAt(b + 1) == 'P';
        StringBuilder buffer = stderr ? partialStderr : partialStdout;
        buffer.append(line, c + 1, line.length());
        if (partial) {
            return null;
        }
        String text = buffer.toString();
        buffer.setLength(0);
        return new Entry(time, stderr, text);
    }

    /** Writes a stream's output into the log in the same format (for containers run in the foreground). */
    public static OutputStream writer(Path file, boolean stderr, OutputStream copyTo) {
        return new OutputStream() {
            private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public synchronized void write(byte[] bytes, int off, int len) throws IOException {
                copyTo.write(bytes, off, len);
                copyTo.flush();
                for (int i = off; i < off + len; i++) {
                    if (bytes[i] == '\n') {
                        record(false);
                    } else {
                        line.write(bytes[i]);
                    }
                }
            }

            @Override
            public synchronized void close() throws IOException {
                if (line.size() > 0) {
                    record(false);
                }
            }

            private void record(boolean partial) throws IOException {
                String text = java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC) + " "
                        + (stderr ? "stderr" : "stdout") + (partial ? " P " : " F ")
                        + line.toString(StandardCharsets.UTF_8) + "\n";
                line.reset();
                Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            }
        };
    }
}

package io.jcompose.engine.linux.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcompose.engine.spi.ContainerEvent;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * What happened to containers of the built-in runtime, as JSON lines appended by every process that acts on them
 * (commands and supervisors), so that {@code events} can replay the past and follow the present. Each line is one
 * {@code write} under a lock, so lines of concurrent writers never interleave.
 */
public final class EventLog {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Past this size the log starts over, keeping the last part: events are for watching, not an archive. */
    private static final long MAX_BYTES = 8L << 20;

    /** File locks are per process: threads of one process take turns here first. */
    private static final Object IN_PROCESS = new Object();

    private final Path file;

    public EventLog(Path file) {
        this.file = file;
    }

    public void append(String action, String containerId, Map<String, String> attributes) {
        ObjectNode line = JSON.createObjectNode();
        line.put("time", Instant.now().toString());
        line.put("action", action);
        line.put("id", containerId);
        ObjectNode attrs = line.putObject("attributes");
        attributes.forEach(attrs::put);
        try {
            Files.createDirectories(file.getParent());
            byte[] bytes = (JSON.writeValueAsString(line) + "\n").getBytes(StandardCharsets.UTF_8);
            synchronized (IN_PROCESS) {
                // readable too (so not in append mode, which Java refuses with read): a log over its limit is cut
                // to its tail, read first; writers take turns through the file lock, so the end stays the end
                try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                        StandardOpenOption.WRITE); FileLock ignored = ch.lock()) {
                    if (ch.size() > MAX_BYTES) {
                        truncateToTail(ch);
                    }
                    java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
                    long at = ch.size();
                    while (buffer.hasRemaining()) {
                        at += ch.write(buffer, at);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // events are informative: failing to record one must not fail the operation itself
        }
    }

    /**
     * Replays events from {@code since} (or from now) and, unless {@code until} is given, follows new ones until the
     * calling thread is interrupted.
     */
    public void read(Optional<Instant> since, Optional<Instant> until, Predicate<ContainerEvent> filter,
                     Consumer<ContainerEvent> sink) {
        long position = 0;
        try {
            if (since.isEmpty() && Files.exists(file)) {
                position = Files.size(file);
            }
            StringBuilder partial = new StringBuilder();
            while (!Thread.currentThread().isInterrupted()) {
                boolean more = false;
                if (Files.exists(file)) {
                    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
                        if (raf.length() < position) {
                            position = 0;
                        }
                        raf.seek(position);
                        byte[] chunk = new byte[(int) Math.min(1 << 20, raf.length() - position)];
                        raf.readFully(chunk);
                        position += chunk.length;
                        more = position < raf.length();
                        partial.append(new String(chunk, StandardCharsets.UTF_8));
                    }
                    // one pass over the chunk, one deletion at its end: deleting line by line moved the rest of
                    // a megabyte for every line
                    int start = 0;
                    int nl;
                    while ((nl = partial.indexOf("\n", start)) >= 0) {
                        String line = partial.substring(start, nl);
                        start = nl + 1;
                        Optional<ContainerEvent> event = parse(line);
                        if (event.isEmpty() || since.isPresent() && event.get().time().isBefore(since.get())) {
                            continue;
                        }
                        if (until.isPresent() && event.get().time().isAfter(until.get())) {
                            return;
                        }
                        if (filter.test(event.get())) {
                            sink.accept(event.get());
                        }
                    }
                    partial.delete(0, start);
                }
                if (more) {
                    // what the log already holds is replayed whole before any wait or time limit
                    continue;
                }
                if (until.isPresent() && !Instant.now().isBefore(until.get())) {
                    return;
                }
                Thread.sleep(100);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // the log vanished (store removed): nothing more to show
        }
    }

    private static Optional<ContainerEvent> parse(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            Map<String, String> attrs = new LinkedHashMap<>();
            n.path("attributes").properties().forEach(e -> attrs.put(e.getKey(), e.getValue().asText()));
            return Optional.of(new ContainerEvent(Instant.parse(n.path("time").asText()), n.path("action").asText(),
                    n.path("id").asText(), attrs));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Keeps the newest half of the limit, from its first whole line on. */
    private static void truncateToTail(FileChannel ch) throws IOException {
        long keep = MAX_BYTES / 2;
        long from = ch.size() - keep;
        java.nio.ByteBuffer tail = java.nio.ByteBuffer.allocate((int) keep);
        while (tail.hasRemaining() && ch.read(tail, from + tail.position()) > 0) {
            // a read may return less than asked
        }
        tail.flip();
        while (tail.hasRemaining() && tail.get() != '\n') {
            // the line cut in two goes
        }
        ch.truncate(0);
        long at = 0;
        while (tail.hasRemaining()) {
            at += ch.write(tail, at);
        }
    }
}

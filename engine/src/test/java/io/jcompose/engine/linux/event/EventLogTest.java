package io.jcompose.engine.linux.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventLogTest {

    @TempDir
    Path dir;

    @Test
    void aLogOverItsLimitIsCutToItsNewestWholeLines_andTheEventStillRecorded() throws IOException {
        Path file = dir.resolve("events.jsonl");
        EventLog log = new EventLog(file);
        log.append("create", "c0", Map.of("name", "first"));
        String line = Files.readString(file);
        // past the 8 MiB limit with events of the same shape (a log written over weeks)
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                java.nio.file.StandardOpenOption.APPEND)) {
            for (long written = line.length(); written <= (8L << 20) + 1000; written += line.length()) {
                out.write(line);
            }
        }

        log.append("start", "c1", Map.of("name", "last"));

        List<String> lines = Files.readAllLines(file);
        assertThat(Files.size(file)).isLessThanOrEqualTo((4L << 20) + line.length() * 2L);
        assertThat(lines).allSatisfy(l -> assertThat(l).startsWith("{\"time\":").endsWith("}}"));
        assertThat(lines.getLast()).contains("\"action\":\"start\"").contains("\"id\":\"c1\"");
        // an until already past: what the log holds up to it is replayed whole, at once
        List<String> seen = new ArrayList<>();
        log.read(Optional.of(Instant.EPOCH), Optional.of(Instant.now()), e -> true, e -> seen.add(e.action()));
        assertThat(seen).hasSize(lines.size()).endsWith("start");
    }
}

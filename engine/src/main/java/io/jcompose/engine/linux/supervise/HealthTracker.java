package io.jcompose.engine.linux.supervise;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcompose.engine.linux.container.HealthState;
import io.jcompose.planner.observed.Health;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One running container's health as Docker computes it: {@code starting} until the first success, then
 * {@code healthy}, and {@code unhealthy} after {@code retries} failures in a row; failures inside the start period
 * do not count, and checks run every {@code start_interval} until the first success, then every {@code interval}.
 * Each change is written to the container's {@code health.json}, where {@code ps}, {@code --wait} and
 * {@code service_healthy} read it.
 */
final class HealthTracker {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int KEPT_RESULTS = 5;

    /** One check's outcome. */
    record Result(Instant start, Instant end, int exitCode, String output) {
    }

    private final HealthProbe probe;
    private final Path runDir;
    private final Instant containerStarted;
    private final Deque<Result> log = new ArrayDeque<>();
    private Health status = Health.STARTING;
    private int failingStreak;
    private boolean succeededOnce;
    private Instant nextCheck;

    HealthTracker(HealthProbe probe, Path runDir, Instant containerStarted) {
        this.probe = probe;
        this.runDir = runDir;
        this.containerStarted = containerStarted;
        this.nextCheck = containerStarted.plus(probe.startPeriod().isZero() ? probe.interval()
                : probe.startInterval());
        write();
    }

    HealthProbe probe() {
        return probe;
    }

    Instant containerStarted() {
        return containerStarted;
    }

    boolean due(Instant now) {
        return !now.isBefore(nextCheck);
    }

    Health status() {
        return status;
    }

    /** Records a check; returns the new status when it changed, else null. */
    Health record(Result result) {
        log.addLast(result);
        while (log.size() > KEPT_RESULTS) {
            log.removeFirst();
        }
        Health before = status;
        boolean inStartPeriod = result.start().isBefore(containerStarted.plus(probe.startPeriod()));
        if (result.exitCode() == 0) {
            status = Health.HEALTHY;
            failingStreak = 0;
            succeededOnce = true;
        } else if (!inStartPeriod || succeededOnce) {
            failingStreak++;
            if (failingStreak >= probe.retries()) {
                status = Health.UNHEALTHY;
            }
        }
        Duration next = !succeededOnce && inStartPeriod ? probe.startInterval() : probe.interval();
        nextCheck = result.end().plus(next);
        write();
        return status == before ? null : status;
    }

    private void write() {
        ObjectNode json = JSON.createObjectNode();
        json.put("status", status.name().toLowerCase(java.util.Locale.ROOT));
        json.put("failingStreak", failingStreak);
        ArrayNode entries = json.putArray("log");
        for (Result r : log) {
            entries.addObject().put("start", r.start().toString()).put("end", r.end().toString())
                    .put("exitCode", r.exitCode()).put("output", r.output());
        }
        try {
            Path file = HealthState.file(runDir);
            Path tmp = file.resolveSibling("health.json.tmp");
            Files.write(tmp, JSON.writeValueAsBytes(json));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // the run dir went away with the container: nothing to report to
        }
    }
}

package io.jcompose.engine.linux.container;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jcompose.planner.observed.Health;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A running container's health, as its supervisor last wrote it to {@code health.json} in the run directory
 * (status, failing streak, last results). No file yet means the first check has not completed.
 */
public final class HealthState {

    private static final ObjectMapper JSON = new ObjectMapper();

    private HealthState() {
    }

    public static Path file(Path runDir) {
        return runDir.resolve("health.json");
    }

    public static Health read(Path runDir, ContainerRecord record) {
        Path file = file(runDir);
        if (Files.isRegularFile(file)) {
            try {
                JsonNode json = JSON.readTree(file.toFile());
                return Health.parse(json.path("status").asText("none"));
            } catch (IOException | IllegalArgumentException e) {
                return Health.STARTING;
            }
        }
        boolean checked = record.spec().healthcheck().map(h -> !h.test().isEmpty()
                && !h.test().getFirst().equals("NONE")).orElse(false);
        return checked ? Health.STARTING : Health.NONE;
    }
}

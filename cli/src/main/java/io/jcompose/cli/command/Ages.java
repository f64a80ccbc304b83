package io.jcompose.cli.command;

import io.jcompose.engine.spi.ContainerInfo;
import io.jcompose.planner.observed.ContainerState;
import io.jcompose.planner.observed.Health;
import java.time.Duration;
import java.time.Instant;

/** Human durations as the docker CLI writes them: "3 seconds ago", "Up 2 minutes (healthy)", "Exited (0) …". */
public final class Ages {

    private Ages() {
    }

    public static String ago(Instant then, Instant now) {
        return human(Duration.between(then, now)) + " ago";
    }

    static String human(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 1) {
            return "Less than a second";
        }
        if (s < 60) {
            return s + (s == 1 ? " second" : " seconds");
        }
        long m = s / 60;
        if (m < 60) {
            return m == 1 ? "About a minute" : m + " minutes";
        }
        long h = m / 60;
        if (h < 48) {
            return h == 1 ? "About an hour" : h + " hours";
        }
        long days = h / 24;
        return days < 14 ? days + " days" : days / 7 + " weeks";
    }

    static String status(ContainerInfo info, Instant now) {
        return switch (info.state()) {
            case RUNNING -> "Up " + info.startedAt().map(t -> human(Duration.between(t, now))).orElse("")
                    + health(info.health());
            case PAUSED -> "Up " + info.startedAt().map(t -> human(Duration.between(t, now))).orElse("")
                    + " (Paused)";
            case EXITED, DEAD -> (info.state() == ContainerState.DEAD ? "Dead" : "Exited (" + info.exitCode() + ") ")
                    + info.finishedAt().map(t -> ago(t, now)).orElse("");
            case CREATED -> "Created";
            case RESTARTING -> "Restarting (" + info.exitCode() + ")";
            case REMOVING -> "Removing";
        };
    }

    private static String health(Health health) {
        return switch (health) {
            case NONE -> "";
            case STARTING -> " (health: starting)";
            case HEALTHY -> " (healthy)";
            case UNHEALTHY -> " (unhealthy)";
        };
    }
}

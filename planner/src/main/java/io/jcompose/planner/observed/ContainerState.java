package io.jcompose.planner.observed;

import java.util.Locale;

/** A container's state as docker reports it. */
public enum ContainerState {
    CREATED, RUNNING, PAUSED, RESTARTING, REMOVING, EXITED, DEAD;

    public static ContainerState parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    /** Running in the sense of "has processes": stopping it is meaningful, starting it is not. */
    public boolean isUp() {
        return this == RUNNING || this == RESTARTING || this == PAUSED;
    }

    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}

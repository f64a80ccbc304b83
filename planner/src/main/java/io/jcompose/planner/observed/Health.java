package io.jcompose.planner.observed;

import java.util.Locale;

/** A container's health: {@code NONE} when it has no health check. */
public enum Health {
    NONE, STARTING, HEALTHY, UNHEALTHY;

    public static Health parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }
}

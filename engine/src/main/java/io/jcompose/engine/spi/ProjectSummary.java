package io.jcompose.engine.spi;

import java.util.List;

/** A project as {@code jcompose ls} shows it: its name, container states and compose files. */
public record ProjectSummary(String name, List<String> states, List<String> configFiles) {

    public ProjectSummary {
        states = List.copyOf(states);
        configFiles = List.copyOf(configFiles);
    }
}

package io.jcompose.model;

import java.util.Map;
import java.util.Optional;

/** A network of a project; {@code key} is how services name it, {@code name()} what the backend calls it. */
public record Network(String key, Attributes attributes) {

    public String name() {
        return attributes.string("name").orElse(key);
    }

    public boolean external() {
        return attributes.bool("external");
    }

    public boolean internal() {
        return attributes.bool("internal");
    }

    public Optional<String> driver() {
        return attributes.string("driver");
    }

    public Map<String, String> driverOpts() {
        return attributes.stringMap("driver_opts");
    }

    public Map<String, String> labels() {
        return attributes.stringMap("labels");
    }
}

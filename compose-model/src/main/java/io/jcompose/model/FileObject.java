package io.jcompose.model;

import java.util.Optional;

/** A secret or a config: content from a file, an environment variable or inline text. */
public record FileObject(String key, Attributes attributes) {

    public String name() {
        return attributes.string("name").orElse(key);
    }

    public Optional<String> file() {
        return attributes.string("file");
    }

    public Optional<String> environment() {
        return attributes.string("environment");
    }

    public Optional<String> content() {
        return attributes.string("content");
    }

    public boolean external() {
        return attributes.bool("external");
    }
}

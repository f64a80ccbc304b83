package io.jcompose.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageRefTest {

    @Test
    void parse_tagsDigestsAndRegistryPorts() {
        assertThat(ImageRef.parse("redis")).isEqualTo(new ImageRef("redis", "latest"));
        assertThat(ImageRef.parse("redis:7")).isEqualTo(new ImageRef("redis", "7"));
        assertThat(ImageRef.parse("localhost:5000/app")).isEqualTo(new ImageRef("localhost:5000/app", "latest"));
        assertThat(ImageRef.parse("localhost:5000/app:1.2")).isEqualTo(new ImageRef("localhost:5000/app", "1.2"));
        assertThat(ImageRef.parse("app@sha256:abc")).isEqualTo(new ImageRef("app", "sha256:abc"));
    }
}

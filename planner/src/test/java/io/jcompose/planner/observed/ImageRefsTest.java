package io.jcompose.planner.observed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImageRefsTest {

    @Test
    void normalize_defaultRegistryAndTag_areDropped() {
        assertThat(ImageRefs.normalize("nginx")).isEqualTo("nginx:latest");
        assertThat(ImageRefs.normalize("docker.io/library/nginx:1")).isEqualTo("nginx:1");
        assertThat(ImageRefs.normalize("docker.io/bitnami/redis")).isEqualTo("bitnami/redis:latest");
        assertThat(ImageRefs.normalize("library/nginx:1")).isEqualTo("nginx:1");
    }

    @Test
    void normalize_registryWithPort_isNotATag() {
        assertThat(ImageRefs.normalize("localhost:5000/app")).isEqualTo("localhost:5000/app:latest");
        assertThat(ImageRefs.normalize("localhost:5000/app:2")).isEqualTo("localhost:5000/app:2");
    }

    @Test
    void normalize_digest_isKept() {
        assertThat(ImageRefs.normalize("nginx@sha256:abc")).isEqualTo("nginx@sha256:abc");
    }

    @Test
    void hasTag_comparesNormalizedForms() {
        ObservedImage image = new ObservedImage("sha256:1", List.of("docker.io/library/nginx:latest"), Map.of());

        assertThat(image.hasTag("nginx")).isTrue();
        assertThat(image.hasTag("nginx:1")).isFalse();
    }
}

package io.jcompose.engine.linux.build;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuildCacheTest {

    private static final String PARENT = "sha256:" + "a".repeat(64);

    @Test
    void theSameInputsGiveTheSameKeyWhateverTheOrderOfTheArgs() {
        Map<String, String> ab = new LinkedHashMap<>();
        ab.put("A", "1");
        ab.put("B", "2");
        Map<String, String> ba = new LinkedHashMap<>();
        ba.put("B", "2");
        ba.put("A", "1");
        assertThat(BuildCache.key(PARENT, "RUN make", ab, Optional.empty()))
                .isEqualTo(BuildCache.key(PARENT, "RUN make", ba, Optional.empty()))
                .matches("[0-9a-f]{64}");
    }

    @Test
    void everyInputChangesTheKey() {
        String base = BuildCache.key(PARENT, "COPY . /app", Map.of("A", "1"), Optional.of("sha256:1"));
        assertThat(BuildCache.key("sha256:" + "b".repeat(64), "COPY . /app", Map.of("A", "1"), Optional.of("sha256:1")))
                .isNotEqualTo(base);
        assertThat(BuildCache.key(PARENT, "COPY . /srv", Map.of("A", "1"), Optional.of("sha256:1")))
                .isNotEqualTo(base);
        assertThat(BuildCache.key(PARENT, "COPY . /app", Map.of("A", "2"), Optional.of("sha256:1")))
                .isNotEqualTo(base);
        assertThat(BuildCache.key(PARENT, "COPY . /app", Map.of("A", "1"), Optional.of("sha256:2")))
                .isNotEqualTo(base);
        // parts cannot run into each other: "A"="12" is not "A1"="2"
        assertThat(BuildCache.key(PARENT, "X", Map.of("A", "12"), Optional.empty()))
                .isNotEqualTo(BuildCache.key(PARENT, "X", Map.of("A1", "2"), Optional.empty()));
    }
}

package io.jcompose.engine.linux.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ImageGraphTest {

    private static final ImageConfig CONFIG = config();

    private static ImageConfig config() {
        try {
            return ImageConfig.parse("""
                    {"architecture":"amd64","os":"linux","config":{},"rootfs":{"type":"layers","diff_ids":[]}}
                    """.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static StoredImage image(String id, List<String> tags, String... parents) {
        return new StoredImage(id, tags, List.of(), List.of(), Instant.EPOCH, 0, CONFIG, List.of(parents));
    }

    // base <- env <- copy1 <- app:1 (tagged); env <- copy0 <- old (untagged: a rebuild took app:1)
    private final StoredImage base = image("base", List.of("docker.io/library/base:1"));
    private final StoredImage env = image("env", List.of(), "base");
    private final StoredImage copy0 = image("copy0", List.of(), "env");
    private final StoredImage old = image("old", List.of(), "copy0");
    private final StoredImage copy1 = image("copy1", List.of(), "env");
    private final StoredImage app = image("app", List.of("docker.io/library/app:1"), "copy1");
    private final ImageGraph graph = ImageGraph.of(List.of(base, env, copy0, old, copy1, app));

    @Test
    void intermediate_isAnUntaggedImageSomethingWasBuiltFrom() {
        assertThat(List.of(base, env, copy0, old, copy1, app)).filteredOn(graph::intermediate)
                .containsExactly(env, copy0, copy1);
        assertThat(List.of(base, env, copy0, old, copy1, app)).filteredOn(graph::dangling).containsExactly(old);
    }

    @Test
    void prunable_takesADanglingImageWithTheStepsOnlyItNeeded() {
        assertThat(graph.prunable(Set.of(), false)).containsExactly(old, copy0);
    }

    @Test
    void prunable_leavesWhatAContainerUses_andAllTakesEveryUnusedImage() {
        assertThat(graph.prunable(Set.of("old"), false)).isEmpty();
        assertThat(graph.prunable(Set.of("app"), true)).containsExactlyInAnyOrder(base, env, copy0, old, copy1);
    }

    @Test
    void withUntaggedParents_stopsAtASharedStepAndAtATaggedImage() {
        assertThat(graph.withUntaggedParents(List.of(app), Set.of())).containsExactly(app, copy1);
        assertThat(graph.withUntaggedParents(List.of(app, old), Set.of()))
                .containsExactly(app, old, copy1, copy0, env);
    }
}

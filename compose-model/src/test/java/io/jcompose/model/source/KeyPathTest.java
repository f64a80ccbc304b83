package io.jcompose.model.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A path is built one segment at a time, by every stage, for every node: it must still read like a list. */
class KeyPathTest {

    @Test
    void child_andIndex_readAsDottedPath() {
        KeyPath path = KeyPath.ROOT.child("services").child("web").child("ports").index(0);

        assertThat(path).hasToString("services.web.ports[0]");
        assertThat(path.segments()).containsExactly("services", "web", "ports", "[0]");
        assertThat(path.size()).isEqualTo(4);
        assertThat(path.last()).isEqualTo("[0]");
        assertThat(path.parent()).isEqualTo(KeyPath.of("services", "web", "ports"));
    }

    @Test
    void equality_isBySegments_whateverTheWayItWasBuilt() {
        KeyPath built = KeyPath.ROOT.child("services").child("web").index(2);
        KeyPath parsed = KeyPath.of("services", "web", "[2]");

        assertThat(built).isEqualTo(parsed).hasSameHashCodeAs(parsed);
        assertThat(built).isNotEqualTo(KeyPath.of("services", "web", "[3]"));
        assertThat(KeyPath.of()).isEqualTo(KeyPath.ROOT).hasToString("");
        assertThat(KeyPath.ROOT.parent()).isSameAs(KeyPath.ROOT);
    }

    @Test
    void matches_starStandsForAnyKeyOrIndex() {
        KeyPath pattern = KeyPath.parse("services.*.ports.*");

        assertThat(KeyPath.of("services", "web", "ports").index(3).matches(pattern)).isTrue();
        assertThat(KeyPath.of("services", "web", "volumes").index(3).matches(pattern)).isFalse();
        assertThat(KeyPath.of("services", "web", "ports").matches(pattern)).isFalse();
        assertThat(new java.util.HashSet<>(List.of(KeyPath.parse("a.b"), KeyPath.of("a", "b")))).hasSize(1);
    }
}

package io.jcompose.planner.observed;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcompose.planner.labels.ComposeLabels;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ObservedContainerTest {

    private static ObservedContainer with(Map<String, String> labels, ContainerState state) {
        return new ObservedContainer("id", "name", labels, state, 0, Health.NONE, "sha256:img", "img", Map.of(),
                List.of());
    }

    @Test
    void number_garbledLabel_isEmpty() {
        assertThat(with(Map.of(ComposeLabels.CONTAINER_NUMBER, "2"), ContainerState.RUNNING).number())
                .isEqualTo(OptionalInt.of(2));
        assertThat(with(Map.of(ComposeLabels.CONTAINER_NUMBER, "two"), ContainerState.RUNNING).number()).isEmpty();
        assertThat(with(Map.of(ComposeLabels.CONTAINER_NUMBER, ""), ContainerState.RUNNING).number()).isEmpty();
        assertThat(with(Map.of(), ContainerState.RUNNING).number()).isEmpty();
    }

    @Test
    void oneOff_onlyTheDockerComposeTrue() {
        assertThat(with(Map.of(ComposeLabels.ONEOFF, "True"), ContainerState.RUNNING).oneOff()).isTrue();
        assertThat(with(Map.of(ComposeLabels.ONEOFF, "False"), ContainerState.RUNNING).oneOff()).isFalse();
    }

    @Test
    void imageDigest_fallsBackToImageId() {
        assertThat(with(Map.of(ComposeLabels.IMAGE, "sha256:label"), ContainerState.EXITED).imageDigest())
                .isEqualTo("sha256:label");
        assertThat(with(Map.of(), ContainerState.EXITED).imageDigest()).isEqualTo("sha256:img");
    }

    @Test
    void isUp_pausedAndRestartingCount() {
        assertThat(ContainerState.PAUSED.isUp()).isTrue();
        assertThat(ContainerState.RESTARTING.isUp()).isTrue();
        assertThat(ContainerState.EXITED.isUp()).isFalse();
        assertThat(ContainerState.CREATED.isUp()).isFalse();
    }

    @Test
    void observedState_sortsWhatTheBackendListed() {
        ObservedState state = new ObservedState(List.of(
                new ObservedContainer("2", "b", Map.of(), ContainerState.RUNNING, 0, Health.NONE, "", "", Map.of(),
                        List.of()),
                new ObservedContainer("1", "a", Map.of(), ContainerState.RUNNING, 0, Health.NONE, "", "", Map.of(),
                        List.of())), List.of(), List.of(), List.of());

        assertThat(state.containers()).extracting(ObservedContainer::name).containsExactly("a", "b");
    }
}

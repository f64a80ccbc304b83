package io.jcompose.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcompose.engine.spec.ServiceContainers;
import io.jcompose.engine.spi.ContainerSpec;
import io.jcompose.model.Project;
import io.jcompose.model.load.LoadOptions;
import io.jcompose.model.load.ProjectLoader;
import io.jcompose.planner.observed.ObservedState;
import io.jcompose.planner.plan.Operation.CreateContainer;
import io.jcompose.planner.reconcile.Reconciler;
import io.jcompose.planner.reconcile.RunOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelSpecFactoryTest {

    @Test
    void container_oneOff_carriesItsFullIdAsSlug(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("compose.yaml"), "services: {web: {image: busybox}}\n");
        Project project = ProjectLoader.load(LoadOptions.in(dir).withFiles(List.of("compose.yaml"))
                .withEnvironment(Map.of()).withProjectName("p"));
        String id = "0123456789abcdef".repeat(4);
        CreateContainer op = Reconciler.run(project, ObservedState.empty(), RunOptions.of("web", id)).nodes().stream()
                .map(n -> n.op()).filter(CreateContainer.class::isInstance).map(CreateContainer.class::cast)
                .findFirst().orElseThrow();

        ContainerSpec spec = Backends.specs("9").container(project, op, ServiceContainers.fromModel(project));

        assertThat(spec.name()).isEqualTo("p-web-run-0123456789ab");
        assertThat(spec.labels()).containsEntry("com.docker.compose.slug", id)
                .containsEntry("com.docker.compose.oneoff", "True");
    }
}

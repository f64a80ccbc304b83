package io.jcompose.planner.labels;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcompose.model.Attributes;
import io.jcompose.model.DependsOn;
import io.jcompose.model.DependsOn.Condition;
import io.jcompose.model.Network;
import io.jcompose.model.Project;
import io.jcompose.model.Service;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ComposeLabelsTest {

    private static Service web() {
        return new Service("web", Attributes.of(Map.of("image", "nginx", "labels", Map.of("team", "a"),
                "depends_on", Map.of(
                        "db", Map.of("condition", "service_healthy", "restart", true),
                        "cache", Map.of("condition", "service_started")))));
    }

    @Test
    void keys_areDockerComposeKeys() {
        assertThat(List.of(ComposeLabels.PROJECT, ComposeLabels.SERVICE, ComposeLabels.CONTAINER_NUMBER,
                ComposeLabels.ONEOFF, ComposeLabels.CONFIG_HASH, ComposeLabels.DEPENDS_ON, ComposeLabels.IMAGE,
                ComposeLabels.WORKING_DIR, ComposeLabels.CONFIG_FILES, ComposeLabels.ENVIRONMENT_FILE,
                ComposeLabels.VERSION, ComposeLabels.REPLACE, ComposeLabels.NETWORK, ComposeLabels.VOLUME))
                .containsExactly("com.docker.compose.project", "com.docker.compose.service",
                        "com.docker.compose.container-number", "com.docker.compose.oneoff",
                        "com.docker.compose.config-hash", "com.docker.compose.depends_on",
                        "com.docker.compose.image", "com.docker.compose.project.working_dir",
                        "com.docker.compose.project.config_files", "com.docker.compose.project.environment_file",
                        "com.docker.compose.version", "com.docker.compose.replace", "com.docker.compose.network",
                        "com.docker.compose.volume");
    }

    @Test
    void dependsOn_isNameConditionRestart_sortedByName() {
        assertThat(ComposeLabels.dependsOn(web())).isEqualTo("cache:service_started:false,db:service_healthy:true");
    }

    @Test
    void parseDependsOn_readsWhatDependsOnWrites() {
        assertThat(ComposeLabels.parseDependsOn("cache:service_started:false,db:service_healthy:true"))
                .containsExactly(Map.entry("cache", new DependsOn(Condition.SERVICE_STARTED, false, false)),
                        Map.entry("db", new DependsOn(Condition.SERVICE_HEALTHY, true, false)));
    }

    @Test
    void parseDependsOn_oldShortForms_defaultLikeDockerCompose() {
        assertThat(ComposeLabels.parseDependsOn("db,cache:running_or_healthy"))
                .containsExactly(Map.entry("db", new DependsOn(Condition.SERVICE_STARTED, true, false)),
                        Map.entry("cache", new DependsOn(Condition.SERVICE_STARTED, true, false)));
        assertThat(ComposeLabels.parseDependsOn("")).isEmpty();
    }

    @Test
    void container_carriesEveryStateLabel() {
        Project project = new Project("shop", Path.of("/src/shop"), List.of(Path.of("/src/shop/compose.yaml")),
                List.of(), Map.of("web", web()), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(),
                Attributes.of(Map.of()));

        Map<String, String> labels = ComposeLabels.container(project, web(), OptionalInt.of(2),
                Optional.of("sha256:abc"), Optional.of("old-id"), "0.1.0");

        assertThat(labels).containsEntry("team", "a").containsEntry(ComposeLabels.PROJECT, "shop")
                .containsEntry(ComposeLabels.SERVICE, "web").containsEntry(ComposeLabels.CONTAINER_NUMBER, "2")
                .containsEntry(ComposeLabels.ONEOFF, "False").containsEntry(ComposeLabels.IMAGE, "sha256:abc")
                .containsEntry(ComposeLabels.WORKING_DIR, "/src/shop")
                .containsEntry(ComposeLabels.CONFIG_FILES, "/src/shop/compose.yaml")
                .containsEntry(ComposeLabels.REPLACE, "old-id").containsEntry(ComposeLabels.VERSION, "0.1.0")
                .containsKey(ComposeLabels.CONFIG_HASH).doesNotContainKey(ComposeLabels.ENVIRONMENT_FILE);
    }

    @Test
    void container_oneOff_hasNoNumber() {
        Project project = new Project("shop", Path.of("/p"), List.of(), List.of(Path.of("/p/.env")),
                Map.of("web", web()), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(), Map.of(),
                Attributes.of(Map.of()));

        Map<String, String> labels = ComposeLabels.container(project, web(), OptionalInt.empty(), Optional.empty(),
                Optional.empty(), "0.1.0");

        assertThat(labels).containsEntry(ComposeLabels.ONEOFF, "True").containsEntry(ComposeLabels.ENVIRONMENT_FILE,
                "/p/.env").doesNotContainKeys(ComposeLabels.CONTAINER_NUMBER, ComposeLabels.IMAGE);
    }

    @Test
    void network_hashChangesWithTheDefinition() {
        Network a = new Network("front", Attributes.of(Map.of("name", "shop_front")));
        Network b = new Network("front", Attributes.of(Map.of("name", "shop_front", "internal", true)));

        assertThat(ComposeLabels.network("shop", a, "0.1.0")).containsEntry(ComposeLabels.NETWORK, "front")
                .containsEntry(ComposeLabels.PROJECT, "shop");
        assertThat(ResourceHash.of(a)).isNotEqualTo(ResourceHash.of(b)).isEqualTo(ResourceHash.of(a));
    }
}

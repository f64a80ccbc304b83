package io.jcompose.planner.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.model.Attributes;
import io.jcompose.model.DependsOn.Condition;
import io.jcompose.model.Project;
import io.jcompose.model.Service;
import io.jcompose.model.load.LoadOptions;
import io.jcompose.model.load.ProjectLoader;
import io.jcompose.planner.PlanException;
import io.jcompose.planner.graph.Edge.Via;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceGraphTest {

    @TempDir
    Path dir;

    private Project load(String yaml) throws IOException {
        Files.writeString(dir.resolve("compose.yaml"), yaml);
        return ProjectLoader.load(LoadOptions.in(dir).withFiles(List.of("compose.yaml"))
                .withEnvironment(Map.of()).withProjectName("x"));
    }

    @Test
    void of_everyKindOfReference_makesAnEdge() throws IOException {
        Project p = load("""
                services:
                  db: {image: postgres}
                  vpn: {image: vpn}
                  store: {image: busybox}
                  shm: {image: busybox}
                  tracer: {image: busybox}
                  web:
                    image: nginx
                    depends_on:
                      db: {condition: service_healthy, restart: true}
                    links: ["db:database"]
                    network_mode: service:vpn
                    volumes_from: ["store:ro", "container:outside"]
                    ipc: service:shm
                    pid: service:tracer
                """);

        DependencyGraph<String> g = ServiceGraph.of(p);

        assertThat(g.dependenciesOf("web")).containsOnlyKeys("db", "shm", "store", "tracer", "vpn");
        Edge db = g.edge("web", "db").orElseThrow();
        assertThat(db.condition()).isEqualTo(Condition.SERVICE_HEALTHY);
        assertThat(db.restart()).isTrue();
        assertThat(db.via()).contains(Via.DEPENDS_ON, Via.LINKS);
        assertThat(g.edge("web", "vpn").orElseThrow().sharesContainer()).isTrue();
        assertThat(g.edge("web", "shm").orElseThrow().via()).contains(Via.IPC);
        assertThat(g.edge("web", "tracer").orElseThrow().via()).contains(Via.PID);
        assertThat(g.edge("web", "store").orElseThrow().sharesContainer()).isTrue();
        assertThat(g.layers()).containsExactly(List.of("db", "shm", "store", "tracer", "vpn"), List.of("web"));
    }

    @Test
    void of_cycle_namesTheWholeCycle() {
        // the loader rejects depends_on cycles itself, so build the project by hand to reach the planner's check
        Project p = project(Map.of(
                "a", Map.of("image", "x", "depends_on", Map.of("b", Map.of("condition", "service_started"))),
                "b", Map.of("image", "x", "ipc", "service:c"),
                "c", Map.of("image", "x", "pid", "service:a")));

        assertThatThrownBy(() -> ServiceGraph.of(p)).isInstanceOf(PlanException.class)
                .hasMessage("dependency cycle detected: a -> b -> c -> a");
    }

    @Test
    void of_requiredDependencyMissing_isAnError() {
        Project p = project(Map.of("web", Map.of("image", "x", "links", List.of("ghost"))));

        assertThatThrownBy(() -> ServiceGraph.of(p)).isInstanceOf(PlanException.class)
                .hasMessage("service \"web\" depends on undefined service \"ghost\"");
    }

    private static Project project(Map<String, Map<String, Object>> services) {
        Map<String, Service> out = new java.util.TreeMap<>();
        services.forEach((name, attributes) -> out.put(name, new Service(name, Attributes.of(attributes))));
        return new Project("x", Path.of("/x"), List.of(), List.of(), out, Map.of(), Map.of(), Map.of(), Map.of(),
                Map.of(), Map.of(), Attributes.of(Map.of()));
    }

    @Test
    void of_optionalDependencyOnDisabledService_isDropped() throws IOException {
        Project p = load("""
                services:
                  web:
                    image: nginx
                    depends_on:
                      debug: {condition: service_started, required: false}
                  debug: {image: busybox, profiles: [debug]}
                """);

        assertThat(ServiceGraph.of(p).dependenciesOf("web")).isEmpty();
    }
}

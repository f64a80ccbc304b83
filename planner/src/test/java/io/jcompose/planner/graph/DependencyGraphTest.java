package io.jcompose.planner.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.model.DependsOn;
import io.jcompose.planner.PlanException;
import io.jcompose.planner.graph.Edge.Via;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DependencyGraphTest {

    private static final Edge STARTED = Edge.started(Via.DEPENDS_ON, false);

    /** web -> api -> db, web -> cache, worker -> db. */
    private static DependencyGraph<String> sample() {
        return DependencyGraph.<String>builder()
                .node("cache").node("db").node("lonely")
                .edge("web", "api", STARTED).edge("api", "db", STARTED).edge("web", "cache", STARTED)
                .edge("worker", "db", STARTED).build();
    }

    @Test
    void layers_dependenciesComeInEarlierLayers() {
        assertThat(sample().layers()).containsExactly(
                List.of("cache", "db", "lonely"), List.of("api", "worker"), List.of("web"));
    }

    @Test
    void reverseLayers_dependentsStopFirst() {
        assertThat(sample().reverseLayers()).containsExactly(
                List.of("web"), List.of("api", "worker"), List.of("cache", "db", "lonely"));
        assertThat(sample().stopOrder()).containsExactly("web", "api", "worker", "cache", "db", "lonely");
    }

    @Test
    void layers_cycle_namesTheWholeCycle() {
        DependencyGraph<String> g = DependencyGraph.<String>builder().edge("c", "a", STARTED)
                .edge("a", "b", STARTED).edge("b", "c", STARTED).edge("d", "a", STARTED).build();

        assertThatThrownBy(g::layers).isInstanceOf(PlanException.class)
                .hasMessage("dependency cycle detected: a -> b -> c -> a");
    }

    @Test
    void findCycle_selfDependency_isACycleOfOne() {
        DependencyGraph<String> g = DependencyGraph.<String>builder().edge("a", "a", STARTED).build();

        assertThat(g.findCycle()).contains(List.of("a", "a"));
    }

    @Test
    void findCycle_diamond_isNoCycle() {
        DependencyGraph<String> g = DependencyGraph.<String>builder().edge("top", "l", STARTED)
                .edge("top", "r", STARTED).edge("l", "bottom", STARTED).edge("r", "bottom", STARTED).build();

        assertThat(g.findCycle()).isEmpty();
        assertThat(g.startOrder()).containsExactly("bottom", "l", "r", "top");
    }

    @Test
    void findCycle_longChain_doesNotOverflowTheStack() {
        DependencyGraph.Builder<Integer> b = DependencyGraph.builder();
        for (int i = 1; i < 50_000; i++) {
            b.edge(i, i - 1, STARTED);
        }
        b.edge(0, 49_999, STARTED);

        assertThat(b.build().findCycle()).hasValueSatisfying(c -> assertThat(c).hasSize(50_001));
    }

    @Test
    void select_pullsInDependencies() {
        assertThat(sample().select(List.of("web"), false)).containsExactly("api", "cache", "db", "web");
    }

    @Test
    void select_noDeps_keepsOnlyTheNamed() {
        assertThat(sample().select(List.of("web"), true)).containsExactly("web");
    }

    @Test
    void select_nothingNamed_meansAll() {
        assertThat(sample().select(List.of(), false)).hasSize(6);
    }

    @Test
    void select_unknownService_fails() {
        assertThatThrownBy(() -> sample().select(List.of("nope"), false)).isInstanceOf(PlanException.class)
                .hasMessage("no such service: nope");
    }

    @Test
    void withDependents_followsEdgesBackwards() {
        assertThat(sample().withDependents(List.of("db"))).containsExactly("api", "db", "web", "worker");
    }

    @Test
    void subgraph_dropsEdgesLeavingIt() {
        DependencyGraph<String> sub = sample().subgraph(List.of("web", "cache"));

        assertThat(sub.nodes()).containsExactly("cache", "web");
        assertThat(sub.dependenciesOf("web")).containsOnlyKeys("cache");
    }

    @Test
    void filterEdges_keepsNodesAndMatchingEdges() {
        DependencyGraph<String> g = DependencyGraph.<String>builder().edge("web", "db", Edge.started(Via.LINKS, true))
                .edge("web", "cache", STARTED).build();

        DependencyGraph<String> restart = g.filterEdges(Edge::restart);

        assertThat(restart.nodes()).containsExactly("cache", "db", "web");
        assertThat(restart.dependenciesOf("web")).containsOnlyKeys("db");
    }

    @Test
    void edge_secondReasonForSameEdge_isMerged() {
        Edge explicit = Edge.of(new DependsOn(DependsOn.Condition.SERVICE_HEALTHY, false, true));
        DependencyGraph<String> g = DependencyGraph.<String>builder().edge("web", "db", Edge.started(Via.LINKS, true))
                .edge("web", "db", explicit).build();

        assertThat(g.edge("web", "db")).contains(new Edge(DependsOn.Condition.SERVICE_HEALTHY, true, false,
                Set.of(Via.DEPENDS_ON, Via.LINKS)));
    }

    @Test
    void edge_addsBothEnds() {
        DependencyGraph<String> g = DependencyGraph.<String>builder().edge("web", "db", STARTED).build();

        assertThat(g.nodes()).containsExactly("db", "web");
        assertThat(g.dependentsOf("db")).containsExactly("web");
    }
}

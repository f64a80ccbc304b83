package io.jcompose.planner.graph;

import io.jcompose.planner.PlanException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An immutable graph of nodes (services) and the edges to what each one depends on: topological layers for start,
 * the reverse for stop, the whole path of a cycle, and selections closed over dependencies or dependents.
 */
public final class DependencyGraph<T extends Comparable<? super T>> {

    private final SortedMap<T, SortedMap<T, Edge>> dependencies;
    private final SortedMap<T, SortedSet<T>> dependents;
    private final SortedSet<T> nodes;

    private DependencyGraph(TreeMap<T, SortedMap<T, Edge>> dependencies) {
        this.dependencies = dependencies;
        this.nodes = Collections.unmodifiableSortedSet(dependencies.navigableKeySet());
        this.dependents = new TreeMap<>();
        dependencies.keySet().forEach(n -> dependents.put(n, new TreeSet<>()));
        dependencies.forEach((from, tos) -> tos.keySet().forEach(to -> dependents.get(to).add(from)));
    }

    public static <T extends Comparable<? super T>> Builder<T> builder() {
        return new Builder<>();
    }

    public SortedSet<T> nodes() {
        return nodes;
    }

    public boolean contains(T node) {
        return dependencies.containsKey(node);
    }

    /** What {@code node} depends on, with the edge that says how. */
    public SortedMap<T, Edge> dependenciesOf(T node) {
        return Collections.unmodifiableSortedMap(require(node, dependencies));
    }

    /** The nodes that depend on {@code node}. */
    public SortedSet<T> dependentsOf(T node) {
        return Collections.unmodifiableSortedSet(require(node, dependents));
    }

    public Optional<Edge> edge(T from, T to) {
        return Optional.ofNullable(dependencies.getOrDefault(from, Collections.emptySortedMap()).get(to));
    }

    /** Start order: each layer depends only on earlier ones; a layer's nodes can start in parallel. */
    public List<List<T>> layers() {
        Map<T, Integer> waiting = new HashMap<>();
        List<T> ready = new ArrayList<>();
        dependencies.forEach((node, deps) -> {
            waiting.put(node, deps.size());
            if (deps.isEmpty()) {
                ready.add(node);
            }
        });
        List<List<T>> layers = new ArrayList<>();
        int placed = 0;
        while (!ready.isEmpty()) {
            List<T> layer = List.copyOf(ready);
            layers.add(layer);
            placed += layer.size();
            ready.clear();
            for (T node : layer) {
                for (T dependent : dependents.get(node)) {
                    if (waiting.merge(dependent, -1, Integer::sum) == 0) {
                        ready.add(dependent);
                    }
                }
            }
            Collections.sort(ready);
        }
        if (placed != dependencies.size()) {
            throw cycleError(findCycle().orElseThrow());
        }
        return List.copyOf(layers);
    }

    /** Stop order: dependents before what they depend on. */
    public List<List<T>> reverseLayers() {
        return List.copyOf(layers().reversed());
    }

    /** {@link #layers()} flattened. */
    public List<T> startOrder() {
        return layers().stream().flatMap(List::stream).toList();
    }

    /** {@link #reverseLayers()} flattened. */
    public List<T> stopOrder() {
        return reverseLayers().stream().flatMap(List::stream).toList();
    }

    /** Throws a {@link PlanException} naming the whole cycle when there is one. */
    public DependencyGraph<T> requireAcyclic() {
        findCycle().ifPresent(cycle -> {
            throw cycleError(cycle);
        });
        return this;
    }

    /** A cycle as a path that ends where it starts ({@code a, b, c, a}), from its smallest node. */
    public Optional<List<T>> findCycle() {
        Map<T, Integer> color = new HashMap<>(); // absent: unvisited, 1: on the path, 2: done
        for (T start : dependencies.keySet()) {
            if (!color.containsKey(start)) {
                Optional<List<T>> cycle = cycleFrom(start, color);
                if (cycle.isPresent()) {
                    return cycle;
                }
            }
        }
        return Optional.empty();
    }

    // iterative, so a long chain of services cannot overflow the stack
    private Optional<List<T>> cycleFrom(T start, Map<T, Integer> color) {
        Deque<T> path = new ArrayDeque<>();
        Deque<Iterator<T>> pending = new ArrayDeque<>();
        path.addLast(start);
        pending.addLast(dependencies.get(start).keySet().iterator());
        color.put(start, 1);
        while (!pending.isEmpty()) {
            Iterator<T> next = pending.peekLast();
            if (!next.hasNext()) {
                color.put(path.removeLast(), 2);
                pending.removeLast();
                continue;
            }
            T to = next.next();
            Integer seen = color.get(to);
            if (seen == null) {
                color.put(to, 1);
                path.addLast(to);
                pending.addLast(dependencies.get(to).keySet().iterator());
            } else if (seen == 1) {
                return Optional.of(rotate(new ArrayList<>(path), to));
            }
        }
        return Optional.empty();
    }

    private static <T extends Comparable<? super T>> List<T> rotate(List<T> path, T to) {
        List<T> cycle = new ArrayList<>(path.subList(path.indexOf(to), path.size()));
        int smallest = cycle.indexOf(Collections.min(cycle));
        List<T> out = new ArrayList<>(cycle.subList(smallest, cycle.size()));
        out.addAll(cycle.subList(0, smallest));
        out.add(out.getFirst());
        return List.copyOf(out);
    }

    private static PlanException cycleError(List<?> cycle) {
        StringBuilder text = new StringBuilder("dependency cycle detected: ");
        for (int i = 0; i < cycle.size(); i++) {
            text.append(i == 0 ? "" : " -> ").append(cycle.get(i));
        }
        return new PlanException(text.toString());
    }

    /** The selected nodes, with everything they depend on unless {@code noDeps}; all nodes when none is selected. */
    public SortedSet<T> select(Collection<T> selected, boolean noDeps) {
        if (selected.isEmpty()) {
            return nodes();
        }
        return noDeps ? known(selected) : withDependencies(selected);
    }

    /** The nodes and, transitively, what they depend on. */
    public SortedSet<T> withDependencies(Collection<T> selected) {
        return closure(selected, n -> dependencies.get(n).keySet());
    }

    /** The nodes and, transitively, what depends on them. */
    public SortedSet<T> withDependents(Collection<T> selected) {
        return closure(selected, dependents::get);
    }

    private SortedSet<T> closure(Collection<T> selected, Function<T, Collection<T>> next) {
        SortedSet<T> out = new TreeSet<>();
        Deque<T> todo = new ArrayDeque<>(known(selected));
        while (!todo.isEmpty()) {
            T node = todo.removeFirst();
            if (out.add(node)) {
                todo.addAll(next.apply(node));
            }
        }
        return Collections.unmodifiableSortedSet(out);
    }

    private SortedSet<T> known(Collection<T> selected) {
        SortedSet<T> out = new TreeSet<>();
        for (T node : selected) {
            require(node, dependencies);
            out.add(node);
        }
        return Collections.unmodifiableSortedSet(out);
    }

    /** The graph on {@code keep} alone; edges leaving it are dropped. */
    public DependencyGraph<T> subgraph(Collection<T> keep) {
        if (keep.size() == nodes.size() && nodes.containsAll(keep)) {
            return this;
        }
        Builder<T> b = builder();
        known(keep).forEach(b::node);
        for (T from : keep) {
            dependencies.get(from).forEach((to, e) -> {
                if (b.nodes.containsKey(to)) {
                    b.edge(from, to, e);
                }
            });
        }
        return b.build();
    }

    /** The same nodes with only the edges that pass {@code keep} (restart: true edges, say). */
    public DependencyGraph<T> filterEdges(Predicate<Edge> keep) {
        Builder<T> b = builder();
        dependencies.forEach((from, tos) -> {
            b.node(from);
            tos.forEach((to, e) -> {
                if (keep.test(e)) {
                    b.edge(from, to, e);
                }
            });
        });
        return b.build();
    }

    private static <T, V> V require(T node, Map<T, V> map) {
        V value = map.get(node);
        if (value == null) {
            throw new PlanException("no such service: " + node);
        }
        return value;
    }

    /** Collects nodes and edges. */
    public static final class Builder<T extends Comparable<? super T>> {

        private SortedMap<T, SortedMap<T, Edge>> nodes = new TreeMap<>();

        private Builder() {
        }

        public Builder<T> node(T node) {
            nodes.computeIfAbsent(node, n -> new TreeMap<>());
            return this;
        }

        /** {@code from} depends on {@code to} (both become nodes); a second edge between them is merged. */
        public Builder<T> edge(T from, T to, Edge edge) {
            node(to).node(from).nodes.get(from).merge(to, edge, Edge::merge);
            return this;
        }

        /** The graph; the builder starts over empty, so the graph need not copy what it collected. */
        public DependencyGraph<T> build() {
            TreeMap<T, SortedMap<T, Edge>> built = new TreeMap<>();
            nodes.forEach((from, tos) -> built.put(from, Collections.unmodifiableSortedMap(tos)));
            nodes = new TreeMap<>();
            return new DependencyGraph<>(built);
        }
    }
}

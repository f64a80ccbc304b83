package io.jcompose.planner.reconcile;

import io.jcompose.model.Project;
import io.jcompose.model.load.LoadOptions;
import io.jcompose.model.load.ProjectLoader;
import io.jcompose.model.yaml.YamlReader;
import io.jcompose.planner.observed.ObservedState;
import io.jcompose.planner.plan.Plan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One folder of {@code src/test/resources/plans}: a compose file, an observed state, and options saying which
 * command to plan ({@code command: up} by default; {@code project: none} plans from labels alone).
 */
record GoldenCase(Path dir) {

    static final String PROJECT = "x";

    Plan plan() {
        Map<String, Object> o = options();
        String command = (String) o.getOrDefault("command", "up");
        boolean fromLabels = "none".equals(o.get("project"));
        Optional<Project> model = Optional.of(load());
        // the observed labels always come from the model; planning from labels alone just does not get to see it
        ObservedState observed = ObservedYaml.parse(read("observed.yaml").orElse(""), model, PROJECT);
        Optional<Project> project = fromLabels ? Optional.empty() : model;
        ProjectShape shape = project.map(ProjectShape::of)
                .orElseGet(() -> ProjectShape.fromLabels(PROJECT, observed));
        List<String> services = strings(o, "services");
        Optional<Duration> timeout = Optional.ofNullable(o.get("timeout"))
                .map(t -> Duration.ofSeconds(Long.parseLong(t.toString())));
        return switch (command) {
            case "up" -> Reconciler.up(project.orElseThrow(), observed, upOptions(o, services, timeout));
            case "create" -> Reconciler.create(project.orElseThrow(), observed, upOptions(o, services, timeout));
            case "run" -> Reconciler.run(project.orElseThrow(), observed, new RunOptions((String) o.get("service"),
                    o.getOrDefault("id", "0123456789abcdef").toString(), bool(o, "no_deps"),
                    bool(o, "remove_orphans"), Optional.empty(), bool(o, "build")));
            case "down" -> {
                DownOptions down = new DownOptions(services, bool(o, "volumes"),
                        RmiMode.valueOf(o.getOrDefault("rmi", "none").toString().toUpperCase(java.util.Locale.ROOT)),
                        bool(o, "remove_orphans"), timeout);
                yield project.map(p -> Reconciler.down(p, observed, down))
                        .orElseGet(() -> Reconciler.down(PROJECT, observed, down));
            }
            case "stop" -> Reconciler.stop(shape, observed, new StopOptions(services, timeout));
            case "start" -> Reconciler.start(shape, observed, new StartOptions(services));
            case "restart" -> Reconciler.restart(shape, observed, new RestartOptions(services, bool(o, "no_deps"),
                    timeout));
            case "rm" -> Reconciler.rm(shape, observed, new RmOptions(services, bool(o, "stop"), bool(o, "volumes")));
            case "kill" -> Reconciler.kill(shape, observed, new KillOptions(services,
                    o.getOrDefault("signal", "SIGKILL").toString(), bool(o, "remove_orphans")));
            default -> throw new IllegalArgumentException("unknown command " + command + " in " + dir);
        };
    }

    private static UpOptions upOptions(Map<String, Object> o, List<String> services, Optional<Duration> timeout) {
        UpOptions up = UpOptions.defaults().withServices(services).withNoDeps(bool(o, "no_deps"))
                .withRenewAnonVolumes(bool(o, "renew_anon_volumes")).withNoStart(bool(o, "no_start"))
                .withRemoveOrphans(bool(o, "remove_orphans"))
                .withRecreateDivergedVolumes(bool(o, "recreate_diverged_volumes"));
        if (bool(o, "force_recreate")) {
            up = up.withRecreate(Recreate.FORCE);
        }
        if (bool(o, "no_recreate")) {
            up = up.withRecreate(Recreate.NEVER);
        }
        if (bool(o, "always_recreate_deps")) {
            up = up.withAlwaysRecreateDeps();
        }
        if (o.containsKey("build")) {
            up = up.withBuild(bool(o, "build"));
        }
        if (o.get("pull") != null) {
            up = up.withPull(PullPolicy.valueOf(o.get("pull").toString().toUpperCase(java.util.Locale.ROOT)));
        }
        if (o.get("scale") instanceof Map<?, ?> scale) {
            for (Map.Entry<?, ?> e : scale.entrySet()) {
                up = up.withScale(e.getKey().toString(), Integer.parseInt(e.getValue().toString()));
            }
        }
        return timeout.map(up::withTimeout).orElse(up);
    }

    Project load() {
        return ProjectLoader.load(LoadOptions.in(dir).withFiles(List.of("compose.yaml"))
                .withEnvironment(Map.of()).withProjectName(PROJECT));
    }

    Map<String, Object> options() {
        Object plain = YamlReader.read(read("options.yaml").orElse(""), "options.yaml").toPlain();
        return plain instanceof Map<?, ?> m ? cast(m) : Map.of();
    }

    Optional<String> read(String file) {
        Path path = dir.resolve(file);
        try {
            return Files.exists(path) ? Optional.of(Files.readString(path)) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean bool(Map<String, Object> o, String key) {
        return Boolean.TRUE.equals(o.get(key));
    }

    private static List<String> strings(Map<String, Object> o, String key) {
        return o.get(key) instanceof List<?> l ? l.stream().map(Object::toString).toList() : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    @Override
    public String toString() {
        return dir.getFileName().toString();
    }
}

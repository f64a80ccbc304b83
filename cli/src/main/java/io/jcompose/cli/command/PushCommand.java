package io.jcompose.cli.command;

import io.jcompose.engine.spi.Backend;
import io.jcompose.model.Project;
import io.jcompose.model.Service;
import io.jcompose.planner.graph.ServiceGraph;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jcompose push}: push the images that services build and name, with their extra build tags, as docker
 * compose does; a service that only uses an image, or builds one without naming it, is skipped.
 */
@Command(name = "push", sortOptions = false, description = "Push service images")
public final class PushCommand extends EngineCommand {

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services")
    List<String> services = new ArrayList<>();

    @Option(names = "--ignore-push-failures", description = "Push what it can and ignores images with push failures")
    boolean ignoreFailures;

    @Option(names = "--include-deps", description = "Also push images of services declared as dependencies")
    boolean includeDeps;

    @Option(names = {"-q", "--quiet"}, description = "Push without printing progress information")
    boolean quiet;

    @Override
    public Integer call() {
        Project project = loadProject(services);
        Set<String> chosen = includeDeps ? withDependencies(project, services) : Set.copyOf(services);
        int code = 0;
        try (Backend backend = openBackend()) {
            for (Service s : project.services().values()) {
                if (!services.isEmpty() && !chosen.contains(s.name())) {
                    continue;
                }
                if (s.build().isEmpty() || s.image().isEmpty()) {
                    line(" Service " + s.name() + "  Skipped");
                    continue;
                }
                List<String> tags = new ArrayList<>(List.of(s.image().get()));
                tags.addAll(s.build().get().tags());
                for (String tag : tags) {
                    code = Math.max(code, push(backend, s, tag));
                }
            }
        }
        console.err().flush();
        return code;
    }

    private static Set<String> withDependencies(Project project, List<String> names) {
        Set<String> out = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(names);
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (out.add(name)) {
                project.service(name).ifPresent(s -> todo.addAll(ServiceGraph.edges(s).keySet()));
            }
        }
        return out;
    }

    /** 0 when pushed, 1 when it failed and failures count. */
    private int push(Backend backend, Service service, String tag) {
        line(" Image " + tag + "  Pushing");
        if (global().dryRun) {
            return 0;
        }
        try {
            backend.images().push(tag, progress -> line(" " + tag + "  " + progress));
            line(" Image " + tag + "  Pushed");
            return 0;
        } catch (RuntimeException e) {
            if (ignoreFailures) {
                line("Pushing " + service.name() + ": " + message(e));
                return 0;
            }
            console.err().println(message(e)); // one line even with -q: a failure is never quiet
            console.err().flush();
            return 1;
        }
    }

    private void line(String text) {
        if (!quiet) {
            console.err().println(text);
            console.err().flush();
        }
    }
}

package io.jcompose.cli.command;

import io.jcompose.engine.spi.Backend;
import io.jcompose.model.Project;
import io.jcompose.model.Service;
import io.jcompose.planner.graph.ServiceGraph;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
        record Push(Service service, String tag) {
        }
        List<Push> pushes = new ArrayList<>();
        for (Service s : project.services().values()) {
            if (!services.isEmpty() && !chosen.contains(s.name())) {
                continue;
            }
            if (s.build().isEmpty() || s.image().isEmpty()) {
                line(" Service " + s.name() + "  Skipped");
                continue;
            }
            pushes.add(new Push(s, s.image().get()));
            s.build().get().tags().forEach(tag -> pushes.add(new Push(s, tag)));
        }
        // repositories at once, as docker compose does (a push waits on the network far more than on this machine),
        // and the tags of one repository one after the other: pushed side by side they upload the same blobs at the
        // same time, which a registry may answer with a 500 (Debian's distribution 2.8 did); after the first, the
        // others find the blobs there
        Map<String, List<Push>> byRepository = new LinkedHashMap<>();
        for (Push p : pushes) {
            byRepository.computeIfAbsent(repository(p.tag()), r -> new ArrayList<>()).add(p);
        }
        List<Future<Integer>> results = new ArrayList<>();
        try (Backend backend = openBackend(); ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (List<Push> group : byRepository.values()) {
                results.add(threads.submit(() -> {
                    int worst = 0;
                    for (Push p : group) {
                        worst = Math.max(worst, push(backend, p.service(), p.tag()));
                    }
                    return worst;
                }));
            }
            int code = 0;
            for (Future<Integer> result : results) {
                code = Math.max(code, result.get());
            }
            return code;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } finally {
            console.err().flush();
        }
    }

    /** {@code host:5000/name} of {@code host:5000/name:tag} (or of {@code …@digest}). */
    static String repository(String reference) {
        int at = reference.indexOf('@');
        String name = at >= 0 ? reference.substring(0, at) : reference;
        int colon = name.lastIndexOf(':');
        return colon > name.lastIndexOf('/') ? name.substring(0, colon) : name;
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
            synchronized (this) {
                console.err().println(message(e)); // one line even with -q: a failure is never quiet
                console.err().flush();
            }
            return 1;
        }
    }

    /** Whole lines only: pushes print from several threads. */
    private synchronized void line(String text) {
        if (!quiet) {
            console.err().println(text);
            console.err().flush();
        }
    }
}

package io.jcompose.cli.command;

import io.jcompose.cli.option.GlobalOptions;
import io.jcompose.cli.render.ProgressView;
import io.jcompose.engine.Backends;
import io.jcompose.engine.ComposeEngine;
import io.jcompose.engine.execute.ExecutionResult;
import io.jcompose.engine.spi.Backend;
import io.jcompose.model.Project;
import io.jcompose.model.source.ComposeFileException;
import io.jcompose.planner.plan.Plan;
import java.util.List;
import java.util.Optional;

/** A command that talks to a backend: opens it, shows progress, and reports a plan's failures. */
public abstract class EngineCommand extends ProjectCommand {

    /** Unbounded parallelism still needs a number: enough for a big project, few enough for a small daemon. */
    private static final int UNLIMITED = 64;

    protected Backend openBackend() {
        GlobalOptions g = global();
        String name = g.backend != null ? g.backend : console.env().getOrDefault("JCOMPOSE_BACKEND", "");
        return Backends.open(name, console.env());
    }

    protected ProgressView progress(String title) {
        GlobalOptions g = global();
        ProgressView.Mode mode = switch (g.progress) {
            case QUIET -> ProgressView.Mode.QUIET;
            case JSON -> ProgressView.Mode.JSON;
            case PLAIN -> ProgressView.Mode.PLAIN;
            case TTY -> ProgressView.Mode.TTY;
            case AUTO -> console.terminal() && g.ansi != GlobalOptions.Ansi.NEVER
                    ? ProgressView.Mode.TTY : ProgressView.Mode.PLAIN;
        };
        return new ProgressView(mode, console.err(), title);
    }

    protected ComposeEngine engine(Backend backend, ProgressView view) {
        int parallel = global().parallel > 0 ? global().parallel : UNLIMITED;
        return new ComposeEngine(backend, Backends.specs(VersionCommand.version()), view, parallel);
    }

    /**
     * The project from its compose files; with {@code -p} and no compose file, empty: the command then works from
     * the labels of what the backend holds, as docker compose does.
     */
    protected Optional<Project> projectIfAny(List<String> services) {
        try {
            return Optional.of(loadProject(services));
        } catch (ComposeFileException e) {
            if (global().projectName != null && e.getMessage().startsWith("no configuration file provided")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    protected String projectName(Optional<Project> project) {
        return project.map(Project::name).orElse(global().projectName);
    }

    /**
     * Runs {@code work} with Ctrl-C turned into an interrupt of this thread: the executor then starts nothing more
     * and lets what runs finish. A second Ctrl-C ends the process at once.
     */
    protected <T> T interruptible(java.util.function.Supplier<T> work) {
        Thread caller = Thread.currentThread();
        java.util.concurrent.atomic.AtomicBoolean once = new java.util.concurrent.atomic.AtomicBoolean();
        sun.misc.Signal sigint = new sun.misc.Signal("INT");
        sun.misc.SignalHandler previous = sun.misc.Signal.handle(sigint, s -> {
            if (once.getAndSet(true)) {
                Runtime.getRuntime().halt(130);
            }
            console.err().println("Gracefully stopping... (press Ctrl+C again to force)");
            console.err().flush();
            caller.interrupt();
        });
        try {
            return work.get();
        } finally {
            sun.misc.Signal.handle(sigint, previous);
            Thread.interrupted();
        }
    }

    /** Prints a dry run's plan, or each failure of a run; returns the exit code. */
    protected int report(ComposeEngine.Outcome outcome) {
        if (outcome.result().isEmpty()) {
            printDryRun(outcome.plan());
            return 0;
        }
        ExecutionResult result = outcome.result().get();
        for (ExecutionResult.Failure f : result.failures()) {
            if (result.interrupted() && f.error() instanceof InterruptedException) {
                continue;
            }
            console.err().println("Error response from " + f.node().resource() + ": " + message(f.error()));
            // the details behind the one line, for a report: shown with --verbose (debug logging)
            org.slf4j.LoggerFactory.getLogger(EngineCommand.class).debug("{} failed", f.node().resource(),
                    f.error());
        }
        if (result.interrupted()) {
            console.err().println("interrupted: stopped before the end; run the command again to finish");
            console.err().flush();
            return 130;
        }
        console.err().flush();
        return result.ok() ? 0 : 1;
    }

    private void printDryRun(Plan plan) {
        for (String line : plan.toString().split("\n")) {
            if (!line.isBlank()) {
                console.err().println("DRY-RUN MODE - " + line);
            }
        }
        console.err().flush();
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}

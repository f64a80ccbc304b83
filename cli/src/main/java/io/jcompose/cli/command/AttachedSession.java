package io.jcompose.cli.command;

import io.jcompose.cli.Console;
import io.jcompose.cli.render.LogPrinter;
import io.jcompose.cli.render.ProgressView;
import io.jcompose.engine.ComposeEngine;
import io.jcompose.engine.spi.ContainerOps;
import io.jcompose.model.Project;
import io.jcompose.planner.observed.ObservedContainer;
import io.jcompose.planner.reconcile.ProjectShape;
import io.jcompose.planner.reconcile.Reconciler;
import io.jcompose.planner.reconcile.StopOptions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import sun.misc.Signal;

/**
 * {@code up} without {@code -d}: streams the logs of the attached services until they have all exited, or until
 * Ctrl-C, which stops the project gracefully (a second Ctrl-C kills it).
 */
final class AttachedSession {

    private final ComposeEngine engine;
    private final Project project;
    private final Console console;
    private final List<String> services;
    private final boolean color;
    private final boolean prefix;
    private final boolean abortOnExit;
    private final Optional<String> exitCodeFrom;
    private final Optional<Duration> timeout;

    private record Exit(ObservedContainer container, int code) {
    }

    AttachedSession(ComposeEngine engine, Project project, Console console, List<String> services, boolean color,
                    boolean prefix, boolean abortOnExit, Optional<String> exitCodeFrom, Optional<Duration> timeout) {
        this.engine = engine;
        this.project = project;
        this.console = console;
        this.services = services;
        this.color = color;
        this.prefix = prefix;
        this.abortOnExit = abortOnExit;
        this.exitCodeFrom = exitCodeFrom;
        this.timeout = timeout;
    }

    int run() {
        List<ObservedContainer> containers = engine.observe(project.name()).containersOf(project.name()).stream()
                .filter(c -> !c.oneOff() && c.service().filter(services::contains).isPresent()).toList();
        LogPrinter printer = new LogPrinter(console.out(), color, prefix,
                containers.stream().map(AttachedSession::displayName).toList());
        BlockingQueue<Object> events = new LinkedBlockingQueue<>();
        Signal.handle(new Signal("INT"), s -> events.add(s));
        int exitCode = 0;
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < containers.size(); i++) {
                ObservedContainer c = containers.get(i);
                int index = i;
                threads.submit(() -> {
                    engine.backend().containers().logs(c.name(), new ContainerOps.LogOptions(true, false,
                                    Optional.empty(), Optional.empty(), Optional.empty()),
                            (line, stderr) -> printer.line(displayName(c), index, line));
                    return null;
                });
                threads.submit(() -> events.add(new Exit(c, engine.backend().containers().waitForExit(c.name()))));
            }
            int running = containers.size();
            while (running > 0) {
                Object event = events.take();
                if (event instanceof Signal) {
                    console.err().println("Gracefully stopping... (press Ctrl+C again to force)");
                    console.err().flush();
                    Signal.handle(new Signal("INT"), s -> kill());
                    stop();
                    return 130;
                }
                Exit exit = (Exit) event;
                running--;
                console.out().println(displayName(exit.container()) + " exited with code " + exit.code());
                console.out().flush();
                if (exitCodeFrom.isPresent() && exit.container().service().filter(exitCodeFrom.get()::equals)
                        .isPresent()) {
                    exitCode = exit.code();
                } else if (exitCodeFrom.isEmpty()) {
                    exitCode = exitCode == 0 ? exit.code() : exitCode;
                }
                if (abortOnExit) {
                    console.err().println("Aborting on container exit...");
                    stop();
                    return exitCode;
                }
            }
            threads.shutdownNow();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            return 130;
        }
        return abortOnExit ? exitCode : 0;
    }

    private void stop() {
        try (ProgressView view = new ProgressView(ProgressView.Mode.PLAIN, console.err(), "Stopping")) {
            ComposeEngine stopper = new ComposeEngine(engine.backend(), io.jcompose.engine.Backends.specs(VersionCommand.version()), view, 64);
            stopper.converge(project.name(), Optional.of(project), observed -> Reconciler.stop(
                    ProjectShape.of(project), observed, new StopOptions(List.of(), timeout)), false);
        }
    }

    private void kill() {
        for (ObservedContainer c : engine.observe(project.name()).containersOf(project.name())) {
            if (c.isUp()) {
                engine.backend().containers().kill(c.name(), "SIGKILL");
            }
        }
        Runtime.getRuntime().halt(137);
    }

    /** {@code web-1}, as docker compose prefixes log lines; the full name for one-offs and fixed names. */
    static String displayName(ObservedContainer c) {
        String service = c.service().orElse("");
        return c.number().isPresent() && c.name().endsWith(service + "-" + c.number().getAsInt())
                ? service + "-" + c.number().getAsInt() : c.name();
    }
}

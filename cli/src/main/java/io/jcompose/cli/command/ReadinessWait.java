package io.jcompose.cli.command;

import io.jcompose.cli.Console;
import io.jcompose.engine.spi.Backend;
import io.jcompose.engine.spi.ContainerInfo;
import io.jcompose.model.Project;
import io.jcompose.planner.observed.ContainerState;
import io.jcompose.planner.observed.Health;
import io.jcompose.planner.observed.ObservedContainer;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** {@code up --wait}: waits until every container of the project runs, and is healthy where it has a check. */
final class ReadinessWait {

    private final Backend backend;
    private final Project project;
    private final List<String> services;
    private final Console console;

    ReadinessWait(Backend backend, Project project, List<String> services, Console console) {
        this.backend = backend;
        this.project = project;
        this.services = services;
        this.console = console;
    }

    /** 0 when everything is ready, 1 (with one line per culprit) when something exited, is unhealthy, or timed out. */
    int await(Optional<Duration> timeout) {
        long deadline = timeout.map(t -> System.nanoTime() + t.toNanos()).orElse(Long.MAX_VALUE);
        while (true) {
            List<ObservedContainer> containers = backend.observe(project.name()).containersOf(project.name())
                    .stream().filter(c -> !c.oneOff())
                    .filter(c -> services.isEmpty() || c.service().filter(services::contains).isPresent()).toList();
            boolean ready = true;
            for (ObservedContainer c : containers) {
                Optional<ContainerInfo> info = backend.containers().inspect(c.name());
                if (info.isEmpty()) {
                    continue;
                }
                ContainerInfo i = info.get();
                if (i.health() == Health.UNHEALTHY) {
                    return fail("container " + c.name() + " is unhealthy");
                }
                if (i.state() == ContainerState.EXITED || i.state() == ContainerState.DEAD) {
                    // a one-shot service that finished well is as ready as it gets
                    if (i.exitCode() == 0 && !restarts(c)) {
                        continue;
                    }
                    return fail("container " + c.name() + " exited (" + i.exitCode() + ")");
                }
                if (i.state() != ContainerState.RUNNING || i.health() == Health.STARTING) {
                    ready = false;
                }
            }
            if (ready) {
                return 0;
            }
            if (System.nanoTime() > deadline) {
                return fail("timeout waiting for the project to be running and healthy");
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 130;
            }
        }
    }

    private boolean restarts(ObservedContainer c) {
        return c.service().flatMap(s -> project.service(s)).flatMap(s -> s.restart())
                .filter(r -> !r.equals("no")).isPresent();
    }

    private int fail(String message) {
        console.err().println(message);
        console.err().flush();
        return 1;
    }
}

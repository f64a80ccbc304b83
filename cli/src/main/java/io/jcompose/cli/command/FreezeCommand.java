package io.jcompose.cli.command;

import io.jcompose.engine.spi.Backend;
import io.jcompose.planner.observed.ContainerState;
import io.jcompose.planner.observed.ObservedContainer;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Parameters;

/** {@code pause} and {@code unpause}: freeze or thaw the processes of the services' containers. */
abstract class FreezeCommand extends EngineCommand {

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services")
    List<String> services = new ArrayList<>();

    private final boolean freeze;

    FreezeCommand(boolean freeze) {
        this.freeze = freeze;
    }

    @Override
    public Integer call() {
        String name = projectName(projectIfAny(services));
        ContainerState from = freeze ? ContainerState.RUNNING : ContainerState.PAUSED;
        try (Backend backend = openBackend()) {
            for (ObservedContainer c : ServiceContainers.of(backend, name, services, false)) {
                if (c.state() != from) {
                    continue;
                }
                if (!global().dryRun) {
                    if (freeze) {
                        backend.containers().pause(c.name());
                    } else {
                        backend.containers().unpause(c.name());
                    }
                }
                console.err().println(" Container " + c.name() + "  " + (freeze ? "Paused" : "Unpaused"));
            }
        }
        console.err().flush();
        return 0;
    }
}

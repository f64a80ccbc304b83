package io.jcompose.cli.command;

import io.jcompose.engine.spi.Backend;
import io.jcompose.planner.observed.ContainerState;
import io.jcompose.planner.observed.ObservedContainer;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jcompose pause}: freeze the processes of running service containers. */
@Command(name = "pause", description = "Pause services")
public final class PauseCommand extends EngineCommand {

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services")
    List<String> services = new ArrayList<>();

    @Override
    public Integer call() {
        String name = projectName(projectIfAny(services));
        try (Backend backend = openBackend()) {
            for (ObservedContainer c : ServiceContainers.of(backend, name, services, false)) {
                if (c.state() == ContainerState.RUNNING) {
                    if (!global().dryRun) {
                        backend.containers().pause(c.name());
                    }
                    console.err().println(" Container " + c.name() + "  Paused");
                }
            }
        }
        console.err().flush();
        return 0;
    }
}

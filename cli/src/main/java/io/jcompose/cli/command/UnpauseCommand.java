package io.jcompose.cli.command;

import io.jcompose.engine.spi.Backend;
import io.jcompose.planner.observed.ContainerState;
import io.jcompose.planner.observed.ObservedContainer;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jcompose unpause}: thaw the processes of paused service containers. */
@Command(name = "unpause", description = "Unpause services")
public final class UnpauseCommand extends EngineCommand {

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services")
    List<String> services = new ArrayList<>();

    @Override
    public Integer call() {
        String name = projectName(projectIfAny(services));
        try (Backend backend = openBackend()) {
            for (ObservedContainer c : ServiceContainers.of(backend, name, services, false)) {
                if (c.state() == ContainerState.PAUSED) {
                    if (!global().dryRun) {
                        backend.containers().unpause(c.name());
                    }
                    console.err().println(" Container " + c.name() + "  Unpaused");
                }
            }
        }
        console.err().flush();
        return 0;
    }
}

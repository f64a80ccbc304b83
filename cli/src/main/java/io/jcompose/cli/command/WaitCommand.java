package io.jcompose.cli.command;

import io.jcompose.engine.spi.Backend;
import io.jcompose.planner.observed.ObservedContainer;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jcompose wait}: block until the containers of services stop, then print their exit codes. */
@Command(name = "wait", description = "Block until containers of all (or specified) services stop.")
public final class WaitCommand extends EngineCommand {

    @Parameters(paramLabel = "SERVICE", arity = "1..*", description = "The services to wait for")
    List<String> services = new ArrayList<>();

    @Override
    public Integer call() {
        String name = projectName(projectIfAny(services));
        int last = 0;
        try (Backend backend = openBackend()) {
            for (ObservedContainer c : ServiceContainers.of(backend, name, services, false)) {
                last = backend.containers().waitForExit(c.name());
                console.out().println(last);
                console.out().flush();
            }
        }
        return last;
    }
}

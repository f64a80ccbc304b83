package io.jcompose.cli.command;

import io.jcompose.cli.UsageException;
import io.jcompose.cli.render.ProgressView;
import io.jcompose.engine.ComposeEngine;
import io.jcompose.engine.spi.Backend;
import io.jcompose.model.Project;
import io.jcompose.planner.reconcile.DownOptions;
import io.jcompose.planner.reconcile.Reconciler;
import io.jcompose.planner.reconcile.RmiMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose down}: stop and remove containers and networks (volumes with {@code -v}, images with --rmi). */
@Command(name = "down", sortOptions = false, description = "Stop and remove containers, networks")
public final class DownCommand extends EngineCommand {

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services")
    List<String> services = new ArrayList<>();

    @Option(names = {"-v", "--volumes"}, description = "Remove named volumes declared in the \"volumes\" section of"
            + " the Compose file and anonymous volumes attached to containers")
    boolean volumes;

    @Option(names = "--rmi", paramLabel = "TYPE", description = "Remove images used by services: \"local\" (images"
            + " without a custom tag) or \"all\"")
    String rmi;

    @Option(names = "--remove-orphans", description = "Remove containers for services not defined in the Compose file")
    boolean removeOrphans;

    @Option(names = {"-t", "--timeout"}, paramLabel = "SECONDS", description = "Shutdown timeout in seconds")
    Integer timeout;

    @Override
    public Integer call() {
        DownOptions options = DownOptions.defaults().withServices(services).withVolumes(volumes)
                .withRemoveOrphans(removeOrphans);
        if (rmi != null) {
            options = options.withRmi(switch (rmi) {
                case "local" -> RmiMode.LOCAL;
                case "all" -> RmiMode.ALL;
                default -> throw new UsageException("invalid --rmi \"" + rmi + "\" (expected local or all)");
            });
        }
        if (timeout != null) {
            options = options.withTimeout(Duration.ofSeconds(timeout));
        }
        Optional<Project> project = projectIfAny(services);
        String name = projectName(project);
        DownOptions finalOptions = options;
        try (Backend backend = openBackend(); ProgressView view = progress("Running")) {
            ComposeEngine engine = engine(backend, view);
            return report(interruptible(() -> engine.converge(name, project, observed -> project
                    .map(p -> Reconciler.down(p, observed, finalOptions))
                    .orElseGet(() -> Reconciler.down(name, observed, finalOptions)), global().dryRun)));
        }
    }
}

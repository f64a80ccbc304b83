package io.jcompose.cli.command;

import io.jcompose.cli.command.objects.KeyValues;
import io.jcompose.engine.spi.Backend;
import io.jcompose.model.Project;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose build}: build the images of services that have a {@code build} section. */
@Command(name = "build", sortOptions = false, description = "Build or rebuild services")
public final class BuildCommand extends EngineCommand {

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services")
    List<String> services = new ArrayList<>();

    @Option(names = "--build-arg", paramLabel = "KEY=VAL", description = "Set build-time variables for services")
    List<String> buildArgs = new ArrayList<>();

    @Option(names = "--no-cache", description = "Do not use cache when building the image")
    boolean noCache;

    @Option(names = "--pull", description = "Always attempt to pull a newer version of the image")
    boolean pull;

    @Option(names = {"-q", "--quiet"}, description = "Don't print anything to STDOUT")
    boolean quiet;

    @Override
    public Integer call() {
        Project project = loadProject(services);
        if (global().dryRun) {
            project.services().values().stream().filter(s -> s.build().isPresent())
                    .filter(s -> services.isEmpty() || services.contains(s.name()))
                    .forEach(s -> console.err().println("DRY-RUN MODE - Service " + s.name() + "  Building"));
            console.err().flush();
            return 0;
        }
        Map<String, String> args = KeyValues.withEnvironment(buildArgs, console.env());
        try (Backend backend = openBackend()) {
            boolean silent = quiet || global().progress == io.jcompose.cli.option.GlobalOptions.Progress.QUIET;
            new ImagePreparation(backend, console, silent).build(project, services, args, noCache, pull);
        }
        return 0;
    }
}

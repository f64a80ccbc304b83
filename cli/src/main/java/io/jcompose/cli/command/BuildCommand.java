package io.jcompose.cli.command;

import io.jcompose.engine.spi.Backend;
import io.jcompose.engine.spi.ImageOps;
import io.jcompose.model.Build;
import io.jcompose.model.Project;
import io.jcompose.model.Service;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
        try (Backend backend = openBackend()) {
            for (Service s : project.services().values()) {
                if ((!services.isEmpty() && !services.contains(s.name())) || s.build().isEmpty()) {
                    continue;
                }
                Build b = s.build().get();
                String tag = s.image().orElse(project.name() + "-" + s.name());
                Map<String, String> args = new LinkedHashMap<>(b.args());
                args.putAll(OneOffs.merged(io.jcompose.model.Attributes.of(Map.of()), "x", buildArgs, console.env())
                        .entrySet().stream().collect(LinkedHashMap::new, (m, e) -> m.put(e.getKey(),
                                String.valueOf(e.getValue())), Map::putAll));
                List<String> tags = new ArrayList<>(List.of(tag));
                tags.addAll(b.tags());
                ImageOps.BuildSpec spec = new ImageOps.BuildSpec(Path.of(b.context()), b.dockerfile(),
                        b.dockerfileInline(), tags, args, b.target(), b.labels(), noCache || b.noCache(),
                        pull || b.pull(), Optional.empty(), List.of(), Optional.empty());
                console.err().println(" Service " + s.name() + "  Building");
                console.err().flush();
                if (global().dryRun) {
                    continue;
                }
                backend.images().build(spec, line -> {
                    if (!quiet) {
                        console.err().println(" " + s.name() + "  " + line);
                        console.err().flush();
                    }
                });
                console.err().println(" Service " + s.name() + "  Built");
            }
        }
        console.err().flush();
        return 0;
    }
}

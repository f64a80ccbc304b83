package io.jcompose.cli.command;

import io.jcompose.engine.spi.Backend;
import io.jcompose.model.Project;
import io.jcompose.model.Service;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose pull}: pull the images of services (those that only build are skipped). */
@Command(name = "pull", sortOptions = false, description = "Pull service images")
public final class PullCommand extends EngineCommand {

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services")
    List<String> services = new ArrayList<>();

    @Option(names = {"-q", "--quiet"}, description = "Pull without printing progress information")
    boolean quiet;

    @Option(names = "--ignore-pull-failures", description = "Pull what it can and ignores images with pull failures")
    boolean ignoreFailures;

    @Option(names = "--ignore-buildable", description = "Ignore images that can be built")
    boolean ignoreBuildable;

    @Option(names = "--include-deps", description = "Also pull services declared as dependencies")
    boolean includeDeps;

    @Override
    public Integer call() {
        Project project = loadProject(services);
        int code = 0;
        try (Backend backend = openBackend()) {
            for (Service s : project.services().values()) {
                if (!services.isEmpty() && !services.contains(s.name())) {
                    continue;
                }
                if (s.image().isEmpty() || (ignoreBuildable && s.build().isPresent())) {
                    continue;
                }
                String image = s.image().get();
                line(" Image " + image + "  Pulling");
                if (global().dryRun) {
                    continue;
                }
                try {
                    backend.images().pull(image, progress -> {
                        if (!quiet) {
                            line(" " + image + "  " + progress);
                        }
                    });
                    line(" Image " + image + "  Pulled");
                } catch (RuntimeException e) {
                    // an image that can be built is no failure of pull: build makes it
                    if (s.build().isPresent()) {
                        line(" Image " + image + "  Skipped: it can be built");
                        continue;
                    }
                    console.err().println(" Image " + image + "  Error: " + message(e));
                    if (!ignoreFailures) {
                        code = 18;
                    }
                }
            }
        }
        console.err().flush();
        return code;
    }

    private void line(String text) {
        if (!quiet) {
            console.err().println(text);
            console.err().flush();
        }
    }
}

package io.jcompose.cli.command;

import io.jcompose.cli.Console;
import io.jcompose.engine.spi.Backend;
import io.jcompose.engine.spi.ImageOps;
import io.jcompose.model.Build;
import io.jcompose.model.Project;
import io.jcompose.model.Service;
import io.jcompose.planner.labels.ComposeNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds or pulls images before planning, as docker compose does for {@code up --build} and {@code --pull always}:
 * the plan then compares containers with the new images and recreates what changed.
 */
final class ImagePreparation {

    private final Backend backend;
    private final Console console;
    private final boolean quiet;

    ImagePreparation(Backend backend, Console console, boolean quiet) {
        this.backend = backend;
        this.console = console;
        this.quiet = quiet;
    }

    /** Builds every service of {@code names} (all when empty) that has a build section. */
    void build(Project project, List<String> names, Map<String, String> extraArgs, boolean noCache, boolean pull) {
        for (Service s : project.services().values()) {
            if ((!names.isEmpty() && !names.contains(s.name())) || s.build().isEmpty()) {
                continue;
            }
            Build b = s.build().get();
            Map<String, String> args = new LinkedHashMap<>(b.args());
            args.putAll(extraArgs);
            List<String> tags = new ArrayList<>(List.of(s.image().orElse(ComposeNames.builtImage(project.name(),
                    s.name()))));
            tags.addAll(b.tags());
            ImageOps.BuildSpec spec = new ImageOps.BuildSpec(Path.of(b.context()), b.dockerfile(),
                    b.dockerfileInline(), tags, args, b.target(), b.labels(), noCache || b.noCache(), pull || b.pull(),
                    Optional.empty(), List.of(), Optional.empty());
            line(" Service " + s.name() + "  Building");
            backend.images().build(spec, progress -> line(" " + s.name() + "  " + progress));
            line(" Service " + s.name() + "  Built");
        }
    }

    /** Pulls the image of every service of {@code names} (all when empty) that does not build its own. */
    void pull(Project project, List<String> names) {
        for (Service s : project.services().values()) {
            if ((!names.isEmpty() && !names.contains(s.name())) || s.image().isEmpty() || s.build().isPresent()) {
                continue;
            }
            line(" Image " + s.image().get() + "  Pulling");
            backend.images().pull(s.image().get(), progress -> line(" " + s.image().get() + "  " + progress));
            line(" Image " + s.image().get() + "  Pulled");
        }
    }

    private void line(String text) {
        if (!quiet) {
            console.err().println(text);
            console.err().flush();
        }
    }
}

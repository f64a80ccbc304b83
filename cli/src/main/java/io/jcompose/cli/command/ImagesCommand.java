package io.jcompose.cli.command;

import io.jcompose.cli.render.Table;
import io.jcompose.engine.spi.Backend;
import io.jcompose.engine.spi.ImageOps;
import io.jcompose.planner.observed.ObservedContainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose images}: the images the project's containers use. */
@Command(name = "images", sortOptions = false, description = "List images used by the created containers")
public final class ImagesCommand extends EngineCommand {

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services")
    List<String> services = new ArrayList<>();

    @Option(names = {"-q", "--quiet"}, description = "Only display IDs")
    boolean quiet;

    @Override
    public Integer call() {
        String name = projectName(projectIfAny(services));
        try (Backend backend = openBackend()) {
            Table table = new Table("CONTAINER", "REPOSITORY", "TAG", "IMAGE ID", "SIZE");
            for (ObservedContainer c : ServiceContainers.of(backend, name, services, true)) {
                Optional<ImageOps.ImageInfo> image = backend.images().inspect(c.imageId());
                String ref = c.imageName();
                int colon = ref.lastIndexOf(':');
                boolean tagged = colon > ref.lastIndexOf('/');
                String id = image.map(ImageOps.ImageInfo::id).orElse(c.imageId()).replace("sha256:", "");
                if (quiet) {
                    console.out().println(id);
                    continue;
                }
                table.row(c.name(), tagged ? ref.substring(0, colon) : ref, tagged ? ref.substring(colon + 1) : "latest",
                        id.substring(0, Math.min(12, id.length())), image.map(i -> size(i.size())).orElse(""));
            }
            if (!quiet) {
                console.out().print(table.render());
            }
        }
        console.out().flush();
        return 0;
    }

    /** Sizes as the docker CLI prints them: decimal units, three significant digits. */
    public static String size(long bytes) {
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return (u == 0 ? String.valueOf(bytes) : String.format(Locale.ROOT, "%.3g", v).replaceAll("\\.?0+$", ""))
                + units[u];
    }
}

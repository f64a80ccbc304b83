package io.jcompose.cli.command;

import io.jcompose.engine.spi.Backend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose image pull}: one image from its registry into the store. */
@Command(name = "pull", sortOptions = false, description = "Download an image from a registry")
public final class ImagePullCommand extends ImageStoreCommand {

    @Parameters(paramLabel = "NAME[:TAG|@DIGEST]", description = "The image")
    String reference;

    @Option(names = {"-q", "--quiet"}, description = "Suppress verbose output")
    boolean quiet;

    @Override
    public Integer call() {
        try (Backend backend = openBackend()) {
            linux(backend).images().pull(reference, line -> {
                if (!quiet) {
                    console.out().println(line);
                    console.out().flush();
                }
            });
            if (quiet) {
                console.out().println(io.jcompose.engine.linux.image.ImageName.parse(reference).canonical());
            }
        }
        console.out().flush();
        return 0;
    }
}

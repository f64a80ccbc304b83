package io.jcompose.cli.command;

import io.jcompose.engine.linux.image.ImageName;
import io.jcompose.engine.spi.Backend;
import io.jcompose.engine.spi.NotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jcompose image tag}: another name for an image of the store. */
@Command(name = "tag", sortOptions = false, description = "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE")
public final class ImageTagCommand extends ImageStoreCommand {

    @Parameters(index = "0", paramLabel = "SOURCE_IMAGE[:TAG]")
    String source;

    @Parameters(index = "1", paramLabel = "TARGET_IMAGE[:TAG]")
    String target;

    @Override
    public Integer call() {
        try (Backend backend = openBackend()) {
            var store = linux(backend).imageStore();
            var image = store.find(source).orElseThrow(() -> new NotFoundException("No such image: " + source));
            ImageName name;
            try {
                name = ImageName.parse(target);
            } catch (IllegalArgumentException e) {
                throw new io.jcompose.cli.UsageException(e.getMessage());
            }
            store.tag(image.id(), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return 0;
    }
}

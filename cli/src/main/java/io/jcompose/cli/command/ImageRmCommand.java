package io.jcompose.cli.command;

import io.jcompose.engine.linux.LinuxBackend;
import io.jcompose.engine.linux.image.ImageGraph;
import io.jcompose.engine.linux.image.ImageName;
import io.jcompose.engine.linux.image.StoredImage;
import io.jcompose.engine.spi.Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jcompose image rm}: untag images, and delete those left without a name and without containers, with the
 * untagged build steps under them that nothing else needs (as {@code docker rmi} prunes untagged parents).
 */
@Command(name = "rm", aliases = "remove", sortOptions = false, description = "Remove one or more images")
public class ImageRmCommand extends ImageStoreCommand {

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Names or ids")
    List<String> images;

    @Option(names = {"-f", "--force"}, description = "Force removal of an image used by containers")
    boolean force;

    @Override
    public Integer call() {
        int code = 0;
        try (Backend backend = openBackend()) {
            LinuxBackend linux = linux(backend);
            for (String ref : images) {
                Optional<StoredImage> before = linux.imageStore().find(ref);
                if (before.isEmpty()) {
                    console.err().println("Error response from daemon: No such image: " + ref);
                    code = 1;
                    continue;
                }
                List<StoredImage> chain = ImageGraph.of(linux.imageStore().list())
                        .withUntaggedParents(List.of(before.get()), Set.of());
                try {
                    backend.images().remove(ref, force);
                } catch (RuntimeException e) {
                    console.err().println("Error response from daemon: " + message(e));
                    code = 1;
                    continue;
                }
                Optional<StoredImage> after = linux.imageStore().find(before.get().id());
                for (String tag : before.get().repoTags()) {
                    if (after.isEmpty() || !after.get().repoTags().contains(tag)) {
                        console.out().println("Untagged: " + ImageName.parse(tag).familiar());
                    }
                }
                // the untagged build steps under it that went with it are listed as docker rmi lists them
                for (StoredImage gone : chain) {
                    if (linux.imageStore().find(gone.id()).isEmpty()) {
                        console.out().println("Deleted: " + gone.id());
                    }
                }
            }
            linux.imageStore().prune();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        console.out().flush();
        console.err().flush();
        return code;
    }
}

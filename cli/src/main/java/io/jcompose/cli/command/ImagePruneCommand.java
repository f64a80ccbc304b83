package io.jcompose.cli.command;

import io.jcompose.engine.linux.LinuxBackend;
import io.jcompose.engine.linux.image.ImageGraph;
import io.jcompose.engine.linux.image.ImageName;
import io.jcompose.engine.linux.build.BuildCache;
import io.jcompose.engine.linux.image.ImageStore;
import io.jcompose.engine.linux.image.StoredImage;
import io.jcompose.engine.spi.Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jcompose image prune}: removes dangling images (untagged, nothing built from them) with the untagged build
 * steps under them that nothing else needs, as Docker does; build steps under named images stay as cache. With
 * {@code -a}, every image no container uses. Then every layer and blob that no image needs.
 */
@Command(name = "prune", sortOptions = false, description = "Remove unused images")
public final class ImagePruneCommand extends ImageStoreCommand {

    @Option(names = {"-a", "--all"}, description = "Remove all unused images, not just dangling ones")
    boolean all;

    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation (jcompose never prompts)")
    boolean force;

    @Override
    public Integer call() {
        try (Backend backend = openBackend()) {
            LinuxBackend linux = linux(backend);
            ImageStore store = linux.imageStore();
            Set<String> used = linux.linuxContainers().store().list().stream().map(r -> r.imageId())
                    .collect(Collectors.toSet());
            boolean header = false;
            for (StoredImage image : ImageGraph.of(store.list()).prunable(used, all)) {
                if (!header) {
                    console.out().println("Deleted Images:");
                    header = true;
                }
                for (String tag : image.repoTags()) {
                    console.out().println("untagged: " + ImageName.parse(tag).familiar());
                }
                store.removeImage(image.id());
                console.out().println("deleted: " + image.id());
            }
            // steps whose images went are forgotten by the build cache, so that nothing points at freed layers
            new BuildCache(store).forgetMissing();
            ImageStore.PruneResult freed = store.prune();
            if (header) {
                console.out().println();
            }
            console.out().println("Total reclaimed space: " + ImagesCommand.size(freed.bytes()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        console.out().flush();
        return 0;
    }
}

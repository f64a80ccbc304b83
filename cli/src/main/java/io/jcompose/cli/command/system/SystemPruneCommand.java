package io.jcompose.cli.command.system;

import io.jcompose.cli.command.ImagesCommand;
import io.jcompose.cli.command.network.NetworkPruneCommand;
import io.jcompose.cli.command.objects.Filters;
import io.jcompose.cli.command.objects.ObjectCommand;
import io.jcompose.cli.command.volume.VolumePruneCommand;
import io.jcompose.engine.linux.LinuxBackend;
import io.jcompose.engine.linux.container.ContainerRecord;
import io.jcompose.engine.linux.container.ContainerStatus;
import io.jcompose.engine.linux.container.ContainerStore;
import io.jcompose.engine.linux.image.ImageGraph;
import io.jcompose.engine.linux.image.ImageName;
import io.jcompose.engine.linux.image.ImageStore;
import io.jcompose.engine.linux.image.StoredImage;
import io.jcompose.planner.observed.ContainerState;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jcompose system prune}: stopped containers, then networks no container is on, then (with {@code --volumes})
 * unused anonymous volumes, then images without a name (with {@code -a}, every image no container uses), then the
 * layers and blobs no image needs. Nothing a running or paused container uses goes.
 */
@Command(name = "prune", sortOptions = false, description = "Remove unused data")
public final class SystemPruneCommand extends ObjectCommand {

    private static final Set<ContainerState> STOPPED = Set.of(ContainerState.CREATED, ContainerState.EXITED,
            ContainerState.DEAD);

    @Option(names = {"-a", "--all"}, description = "Remove all unused images, not just dangling ones")
    boolean all;

    @Option(names = "--volumes", description = "Prune anonymous volumes")
    boolean volumes;

    @Option(names = "--filter", paramLabel = "FILTER", description = "label=KEY[=VALUE]")
    List<String> filters = new ArrayList<>();

    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation (jcompose never prompts)")
    boolean force;

    @Override
    protected int run(LinuxBackend linux) throws IOException {
        Filters f = Filters.parse(filters, Set.of("label"));
        PrintWriter out = console.out();
        long freed = containers(linux, f, out);
        NetworkPruneCommand.prune(linux, f, out);
        if (volumes) {
            freed += VolumePruneCommand.prune(linux, false, f, out);
        }
        freed += images(linux, f, out);
        out.println("Total reclaimed space: " + ImagesCommand.size(freed));
        return 0;
    }

    private static long containers(LinuxBackend linux, Filters f, PrintWriter out) {
        ContainerStore store = linux.linuxContainers().store();
        long freed = 0;
        List<String> removed = new ArrayList<>();
        for (ContainerRecord r : store.list()) {
            if (!STOPPED.contains(ContainerStatus.of(r, store).state()) || ContainerStatus.starting(store, r.id())
                    || !f.labels(r.spec().labels())) {
                continue;
            }
            long size = SystemDfCommand.writableSize(store, r);
            linux.containers().remove(r.id(), false, false);
            if (removed.isEmpty()) {
                out.println("Deleted Containers:");
            }
            out.println(r.id());
            removed.add(r.id());
            freed += size;
        }
        if (!removed.isEmpty()) {
            out.println();
        }
        return freed;
    }

    private long images(LinuxBackend linux, Filters f, PrintWriter out) throws IOException {
        ImageStore store = linux.imageStore();
        Set<String> used = linux.linuxContainers().store().list().stream().map(ContainerRecord::imageId)
                .collect(Collectors.toSet());
        boolean header = false;
        for (StoredImage image : ImageGraph.of(store.list()).prunable(used, all)) {
            if (!f.labels(image.config().labels())) {
                continue;
            }
            if (!header) {
                out.println("Deleted Images:");
                header = true;
            }
            for (String tag : image.repoTags()) {
                out.println("untagged: " + ImageName.parse(tag).familiar());
            }
            store.removeImage(image.id());
            out.println("deleted: " + image.id());
        }
        if (header) {
            out.println();
        }
        return store.prune().bytes();
    }
}

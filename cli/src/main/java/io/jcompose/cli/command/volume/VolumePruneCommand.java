package io.jcompose.cli.command.volume;

import io.jcompose.cli.command.ImagesCommand;
import io.jcompose.cli.command.objects.DirectorySize;
import io.jcompose.cli.command.objects.Filters;
import io.jcompose.cli.command.objects.ObjectCommand;
import io.jcompose.cli.command.objects.VolumeUse;
import io.jcompose.engine.linux.LinuxBackend;
import io.jcompose.engine.linux.volume.VolumeStore;
import io.jcompose.engine.spi.VolumeOps.VolumeInfo;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jcompose volume prune}: removes the volumes no container mounts; as with docker 23 and later only anonymous
 * ones unless {@code --all}, since a named volume usually holds data meant to outlive its containers.
 */
@Command(name = "prune", sortOptions = false, description = "Remove unused local volumes")
public final class VolumePruneCommand extends ObjectCommand {

    @Option(names = {"-a", "--all"}, description = "Remove all unused volumes, not just anonymous ones")
    boolean all;

    @Option(names = "--filter", paramLabel = "FILTER", description = "label=KEY[=VALUE]")
    List<String> filters = new ArrayList<>();

    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation (jcompose never prompts)")
    boolean force;

    @Override
    protected int run(LinuxBackend linux) {
        long freed = prune(linux, all, Filters.parse(filters, Set.of("label")), console.out());
        console.out().println("Total reclaimed space: " + ImagesCommand.size(freed));
        return 0;
    }

    /**
     * Removes the unused volumes (anonymous ones only unless {@code all}) that pass {@code filters}, listing them
     * under {@code Deleted Volumes:} followed by an empty line; returns the bytes freed.
     */
    public static long prune(LinuxBackend linux, boolean all, Filters filters, PrintWriter out) {
        VolumeUse use = VolumeUse.of(linux);
        long freed = 0;
        boolean header = false;
        for (VolumeInfo v : linux.volumeStore().list()) {
            if (use.inUse(v.name()) || !all && !v.labels().containsKey(VolumeStore.ANONYMOUS)
                    || !filters.labels(v.labels())) {
                continue;
            }
            long size = DirectorySize.of(linux.volumeStore().dataDir(v.name()));
            linux.volumeStore().delete(v.name());
            if (!header) {
                out.println("Deleted Volumes:");
                header = true;
            }
            out.println(v.name());
            freed += size;
        }
        if (header) {
            out.println();
        }
        return freed;
    }
}

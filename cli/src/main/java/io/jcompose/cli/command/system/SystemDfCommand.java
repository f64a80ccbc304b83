package io.jcompose.cli.command.system;

import io.jcompose.cli.command.ImagesCommand;
import io.jcompose.cli.command.objects.DirectorySize;
import io.jcompose.cli.command.objects.DockerJson;
import io.jcompose.cli.command.objects.ObjectCommand;
import io.jcompose.cli.command.objects.VolumeUse;
import io.jcompose.cli.render.Table;
import io.jcompose.engine.linux.LinuxBackend;
import io.jcompose.engine.linux.container.ContainerRecord;
import io.jcompose.engine.linux.container.ContainerStatus;
import io.jcompose.engine.linux.container.ContainerStore;
import io.jcompose.engine.linux.image.StoredImage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jcompose system df}: {@code TYPE TOTAL ACTIVE SIZE RECLAIMABLE} for images, containers, volumes. */
@Command(name = "df", sortOptions = false, description = "Show the built-in runtime's disk usage")
public final class SystemDfCommand extends ObjectCommand {

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default) or json")
    String format;

    @Option(names = "-v", description = "Accepted for compatibility (the summary is printed)")
    boolean verbose;

    @Override
    protected int run(LinuxBackend linux) {
        boolean json = json(format);
        Table table = new Table("TYPE", "TOTAL", "ACTIVE", "SIZE", "RECLAIMABLE");
        for (DiskUsage.Row row : measure(linux)) {
            if (json) {
                console.out().println(DockerJson.line(DockerJson.object().put("Active", Integer.toString(row.active()))
                        .put("Reclaimable", row.reclaimableText()).put("Size", ImagesCommand.size(row.size()))
                        .put("TotalCount", Integer.toString(row.total())).put("Type", row.type())));
            } else {
                table.row(row.type(), Integer.toString(row.total()), Integer.toString(row.active()),
                        ImagesCommand.size(row.size()), row.reclaimableText());
            }
        }
        if (!json) {
            console.out().print(table.render());
        }
        return 0;
    }

    /** What the store holds now, measured. */
    static List<DiskUsage.Row> measure(LinuxBackend linux) {
        ContainerStore store = linux.linuxContainers().store();
        List<ContainerRecord> records = store.list();
        Set<String> usedImages = records.stream().map(ContainerRecord::imageId).collect(Collectors.toSet());
        List<DiskUsage.Image> images = linux.imageStore().list().stream().map(i -> {
            Map<String, Long> layers = new LinkedHashMap<>();
            for (StoredImage.Layer l : i.layers()) {
                layers.put(l.diffId(), l.size());
            }
            return new DiskUsage.Image(layers, usedImages.contains(i.id()));
        }).toList();
        List<DiskUsage.Container> containers = records.stream().map(r -> new DiskUsage.Container(
                writableSize(store, r), ContainerStatus.of(r, store).running())).toList();
        VolumeUse use = VolumeUse.of(linux);
        List<DiskUsage.Volume> volumes = linux.volumeStore().list().stream().map(v -> new DiskUsage.Volume(
                DirectorySize.of(linux.volumeStore().dataDir(v.name())), use.inUse(v.name()))).toList();
        return DiskUsage.report(images, containers, volumes);
    }

    /** The bytes a container wrote over its image (its overlay upper dir). */
    static long writableSize(ContainerStore store, ContainerRecord r) {
        return DirectorySize.of(store.dir(r.id()).resolve("upper"));
    }
}

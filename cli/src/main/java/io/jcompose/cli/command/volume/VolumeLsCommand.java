package io.jcompose.cli.command.volume;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcompose.cli.command.objects.DockerJson;
import io.jcompose.cli.command.objects.Filters;
import io.jcompose.cli.command.objects.KeyValues;
import io.jcompose.cli.command.objects.ObjectCommand;
import io.jcompose.cli.command.objects.VolumeUse;
import io.jcompose.cli.render.Table;
import io.jcompose.engine.linux.LinuxBackend;
import io.jcompose.engine.spi.VolumeOps.VolumeInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jcompose volume ls}: {@code DRIVER  VOLUME NAME}, sorted by name, as {@code docker volume ls}. */
@Command(name = "ls", aliases = "list", sortOptions = false, description = "List volumes")
public final class VolumeLsCommand extends ObjectCommand {

    static final Set<String> FILTER_KEYS = Set.of("dangling", "driver", "label", "name");

    @Option(names = {"-q", "--quiet"}, description = "Only display volume names")
    boolean quiet;

    @Option(names = {"-f", "--filter"}, paramLabel = "FILTER", description = "dangling=true|false, driver=, label=,"
            + " name=")
    List<String> filters = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default) or json")
    String format;

    @Override
    protected int run(LinuxBackend linux) {
        boolean json = json(format);
        Filters f = Filters.parse(filters, FILTER_KEYS);
        VolumeUse use = VolumeUse.of(linux);
        List<VolumeInfo> volumes = linux.volumeStore().list().stream()
                .filter(v -> matches(v, f, use.inUse(v.name())))
                .sorted(Comparator.comparing(VolumeInfo::name)).toList();
        Table table = new Table("DRIVER", "VOLUME NAME");
        for (VolumeInfo v : volumes) {
            if (quiet) {
                console.out().println(v.name());
            } else if (json) {
                ObjectNode row = DockerJson.object().put("Availability", "N/A").put("Driver", v.driver())
                        .put("Group", "N/A").put("Labels", KeyValues.joined(v.labels())).put("Links", "N/A")
                        .put("Mountpoint", v.mountpoint()).put("Name", v.name()).put("Scope", "local")
                        .put("Size", "N/A").put("Status", "N/A");
                console.out().println(DockerJson.line(row));
            } else {
                table.row(v.driver(), v.name());
            }
        }
        if (!quiet && !json) {
            console.out().print(table.render());
        }
        return 0;
    }

    /** Whether a volume passes the filters; {@code used} tells whether a container mounts it. */
    static boolean matches(VolumeInfo v, Filters f, boolean used) {
        return f.bool("dangling").map(d -> d != used).orElse(true)
                && f.any("driver", d -> d.equals(v.driver()))
                && f.any("name", n -> v.name().contains(n))
                && f.labels(v.labels());
    }
}

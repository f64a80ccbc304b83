package io.jcompose.cli.command.network;

import io.jcompose.cli.command.objects.DockerJson;
import io.jcompose.cli.command.objects.Filters;
import io.jcompose.cli.command.objects.KeyValues;
import io.jcompose.cli.command.objects.ObjectCommand;
import io.jcompose.cli.render.Table;
import io.jcompose.engine.linux.LinuxBackend;
import io.jcompose.engine.spi.NetworkOps.NetworkInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jcompose network ls}: {@code NETWORK ID  NAME  DRIVER  SCOPE}, sorted by name, as docker lists them. */
@Command(name = "ls", aliases = "list", sortOptions = false, description = "List networks")
public final class NetworkLsCommand extends ObjectCommand {

    static final Set<String> FILTER_KEYS = Set.of("dangling", "driver", "id", "label", "name", "scope", "type");

    @Option(names = {"-q", "--quiet"}, description = "Only display network IDs")
    boolean quiet;

    @Option(names = {"-f", "--filter"}, paramLabel = "FILTER",
            description = "dangling=, driver=, id=, label=, name=, scope=, type=custom|builtin")
    List<String> filters = new ArrayList<>();

    @Option(names = "--no-trunc", description = "Do not truncate the output")
    boolean noTrunc;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default) or json")
    String format;

    @Override
    protected int run(LinuxBackend linux) {
        boolean json = json(format);
        Filters f = Filters.parse(filters, FILTER_KEYS);
        Table table = new Table("NETWORK ID", "NAME", "DRIVER", "SCOPE");
        List<NetworkInfo> networks = linux.linuxNetworks().list().stream().filter(n -> matches(n, f))
                .sorted(Comparator.comparing(NetworkInfo::name)).toList();
        for (NetworkInfo n : networks) {
            String id = noTrunc ? n.id() : n.id().substring(0, Math.min(12, n.id().length()));
            if (quiet) {
                console.out().println(id);
            } else if (json) {
                console.out().println(DockerJson.line(DockerJson.object().put("CreatedAt", linux.linuxNetworks()
                                .details(n.name()).flatMap(d -> d.created()).map(Object::toString).orElse(""))
                        .put("Driver", n.driver()).put("ID", id).put("IPv6", "false")
                        .put("Internal", Boolean.toString(linux.linuxNetworks().details(n.name())
                                .map(d -> d.internal()).orElse(false)))
                        .put("Labels", KeyValues.joined(n.labels())).put("Name", n.name()).put("Scope", "local")));
            } else {
                table.row(id, n.name(), n.driver(), "local");
            }
        }
        if (!quiet && !json) {
            console.out().print(table.render());
        }
        return 0;
    }

    /** Whether a network passes the filters (name: a part of it; id: a prefix; dangling: without containers). */
    static boolean matches(NetworkInfo n, Filters f) {
        boolean builtin = n.name().equals(NetworkCommand.DEFAULT);
        return f.any("name", v -> n.name().contains(v))
                && f.any("id", v -> n.id().startsWith(v))
                && f.any("driver", v -> v.equals(n.driver()))
                && f.any("scope", v -> v.equals("local"))
                && f.any("type", v -> v.equals(builtin ? "builtin" : "custom"))
                && f.bool("dangling").map(d -> d == n.containers().isEmpty()).orElse(true)
                && f.labels(n.labels());
    }
}

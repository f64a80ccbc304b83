package io.jcompose.cli.command.container;

import io.jcompose.engine.linux.LinuxBackend;
import io.jcompose.engine.linux.container.ContainerRecord;
import io.jcompose.engine.spi.Backend;
import io.jcompose.engine.spi.ContainerInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jcompose container ls}: every container of the built-in runtime, compose projects' included, as
 * {@code docker ps} lists them (newest first, running ones unless {@code -a}).
 */
@Command(name = "ls", aliases = {"ps", "list"}, sortOptions = false, description = "List containers")
public final class ContainerLsCommand extends ContainerBase {

    @Option(names = {"-a", "--all"}, description = "Show all containers (default shows just running)")
    boolean all;

    @Option(names = {"-q", "--quiet"}, description = "Only display container IDs")
    boolean quiet;

    @Option(names = {"-f", "--filter"}, paramLabel = "FILTER", description = "Filter output based on conditions"
            + " provided (id, name, label, status, exited, ancestor, network, volume, health)")
    List<String> filters = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default), json, or a {{.Field}} template")
    String format;

    @Option(names = {"-n", "--last"}, paramLabel = "N", description = "Show n last created containers (includes all"
            + " states)")
    int last = -1;

    @Option(names = {"-l", "--latest"}, description = "Show the latest created container (includes all states)")
    boolean latest;

    @Option(names = "--no-trunc", description = "Don't truncate output")
    boolean noTrunc;

    @Override
    protected int run(Backend backend) {
        LinuxBackend linux = linux(backend);
        ContainerFilter filter = new ContainerFilter(filters);
        OutputFormat output = new OutputFormat(format);
        int limit = latest ? 1 : last;
        // a status filter or a count asks for containers in any state, as with docker
        boolean any = all || limit > 0 || filter.has("status") || filter.has("exited");
        Instant now = Instant.now();
        List<Map<String, String>> rows = new ArrayList<>();
        List<ContainerRecord> records = new ArrayList<>(linux.linuxContainers().store().list());
        records.sort(Comparator.comparing(ContainerRecord::created).reversed());
        for (ContainerRecord record : records) {
            if (limit > 0 && rows.size() >= limit) {
                break;
            }
            ContainerInfo info = linux.linuxContainers().info(record);
            if (!any && !info.state().isUp()) {
                continue;
            }
            if (filter.test(info, record)) {
                rows.add(ContainerRows.of(info, record, noTrunc, now));
            }
        }
        if (quiet) {
            rows.forEach(r -> console.out().println(r.get("ID")));
        } else {
            output.print(console.out(), rows, ContainerRows.COLUMNS);
        }
        return 0;
    }
}

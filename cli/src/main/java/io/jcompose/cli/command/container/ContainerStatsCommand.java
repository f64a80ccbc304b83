package io.jcompose.cli.command.container;

import io.jcompose.engine.linux.LinuxBackend;
import io.jcompose.engine.linux.container.ContainerRecord;
import io.jcompose.engine.linux.container.ContainerStats;
import io.jcompose.engine.linux.container.ContainerStore;
import io.jcompose.engine.spi.Backend;
import io.jcompose.engine.spi.NotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jcompose container stats}: CPU, memory, network, block I/O and pids of containers of the built-in runtime,
 * from their cgroups; refreshed every second, or once with {@code --no-stream}.
 */
@Command(name = "stats", sortOptions = false, description = "Display a live stream of container(s) resource usage"
        + " statistics")
public final class ContainerStatsCommand extends ContainerBase {

    /** CPU percentages need two samples; the docker CLI's first figure also spans about a second. */
    private static final long INTERVAL_MS = 1000;

    @Parameters(paramLabel = "CONTAINER", arity = "0..*", description = "Containers (default: all running)")
    List<String> containers = new ArrayList<>();

    @Option(names = {"-a", "--all"}, description = "Show all containers (default shows just running)")
    boolean all;

    @Option(names = "--no-stream", description = "Disable streaming stats and only pull the first result")
    boolean noStream;

    @Option(names = "--no-trunc", description = "Do not truncate output")
    boolean noTrunc;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default), json, or a {{.Field}} template")
    String format;

    @Override
    protected int run(Backend backend) throws InterruptedException {
        LinuxBackend linux = linux(backend);
        ContainerStore store = linux.linuxContainers().store();
        OutputFormat output = new OutputFormat(format);
        List<ContainerRecord> chosen = chosen(linux);
        Map<String, Optional<ContainerStats>> before = sample(store, chosen);
        while (true) {
            Thread.sleep(INTERVAL_MS);
            Map<String, Optional<ContainerStats>> now = sample(store, chosen);
            List<Map<String, String>> rows = new ArrayList<>();
            for (ContainerRecord r : chosen) {
                rows.add(row(r, before.get(r.id()), now.get(r.id())));
            }
            if (!noStream && console.terminal()) {
                // clear the screen and go home, as the docker CLI redraws its table
                console.out().print("\u001b[2J\u001b[H");
            }
            output.print(console.out(), rows, columns());
            if (noStream) {
                return 0;
            }
            before = now;
        }
    }

    private List<ContainerRecord> chosen(LinuxBackend linux) {
        ContainerStore store = linux.linuxContainers().store();
        if (!containers.isEmpty()) {
            List<ContainerRecord> out = new ArrayList<>();
            for (String name : containers) {
                out.add(store.find(name).orElseThrow(() -> new NotFoundException("No such container: " + name)));
            }
            return out;
        }
        return store.list().stream().filter(r -> all || linux.linuxContainers().info(r).state().isUp()).toList();
    }

    private static Map<String, Optional<ContainerStats>> sample(ContainerStore store, List<ContainerRecord> records) {
        Map<String, Optional<ContainerStats>> out = new LinkedHashMap<>();
        for (ContainerRecord r : records) {
            out.put(r.id(), store.find(r.id()).flatMap(current -> ContainerStats.sample(store, current)));
        }
        return out;
    }

    private Map<String, String> row(ContainerRecord r, Optional<ContainerStats> before,
                                    Optional<ContainerStats> now) {
        Map<String, String> row = new LinkedHashMap<>();
        row.put("BlockIO", now.map(s -> Sizes.decimal(s.blockRead()) + " / " + Sizes.decimal(s.blockWrite()))
                .orElse("0B / 0B"));
        row.put("CPUPerc", now.flatMap(s -> before.map(s::cpuPercentSince)).map(ContainerStatsCommand::percent)
                .orElse("0.00%"));
        row.put("Container", noTrunc ? r.id() : shortId(r.id()));
        row.put("ID", noTrunc ? r.id() : shortId(r.id()));
        row.put("MemPerc", now.map(s -> percent(s.memoryPercent())).orElse("0.00%"));
        row.put("MemUsage", now.map(s -> Sizes.binary(s.memoryUsage()) + " / " + Sizes.binary(s.memoryLimit()))
                .orElse("0B / 0B"));
        row.put("Name", r.name());
        row.put("NetIO", now.map(s -> Sizes.decimal(s.netRx()) + " / " + Sizes.decimal(s.netTx()))
                .orElse("0B / 0B"));
        row.put("PIDs", Long.toString(now.map(ContainerStats::pids).orElse(0L)));
        return row;
    }

    private static Map<String, String> columns() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("CONTAINER ID", "ID");
        c.put("NAME", "Name");
        c.put("CPU %", "CPUPerc");
        c.put("MEM USAGE / LIMIT", "MemUsage");
        c.put("MEM %", "MemPerc");
        c.put("NET I/O", "NetIO");
        c.put("BLOCK I/O", "BlockIO");
        c.put("PIDS", "PIDs");
        return c;
    }

    private static String percent(double value) {
        return String.format(Locale.ROOT, "%.2f%%", value);
    }
}

package io.jcompose.cli.command.container;

import io.jcompose.cli.command.LogsCommand;
import io.jcompose.engine.linux.LinuxBackend;
import io.jcompose.engine.linux.container.ContainerRecord;
import io.jcompose.engine.spi.Backend;
import io.jcompose.engine.spi.ContainerInfo;
import io.jcompose.engine.spi.EngineException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jcompose container prune}: removes every stopped container of the built-in runtime, after asking. */
@Command(name = "prune", sortOptions = false, description = "Remove all stopped containers")
public final class ContainerPruneCommand extends ContainerBase {

    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation")
    boolean force;

    @Option(names = "--filter", paramLabel = "FILTER", description = "Provide filter values (until=<timestamp>,"
            + " label=<key>[=<value>])")
    List<String> filters = new ArrayList<>();

    @Override
    protected int run(Backend backend) throws IOException {
        LinuxBackend linux = linux(backend);
        ContainerFilter filter = new ContainerFilter(filters);
        Optional<Instant> until = filter.values("until").stream().findFirst()
                .flatMap(v -> LogsCommand.time(v, "until"));
        if (!force) {
            console.out().print("WARNING! This will remove all stopped containers.\nAre you sure you want to"
                    + " continue? [y/N] ");
            console.out().flush();
            String answer = new BufferedReader(new InputStreamReader(console.in())).readLine();
            if (answer == null || !answer.strip().toLowerCase().startsWith("y")) {
                return 0;
            }
        }
        List<String> deleted = new ArrayList<>();
        int code = 0;
        for (ContainerRecord record : linux.linuxContainers().store().list()) {
            ContainerInfo info = linux.linuxContainers().info(record);
            if (info.state().isUp() || until.filter(t -> !record.created().isBefore(t)).isPresent()
                    || !filter.test(info, record)) {
                continue;
            }
            try {
                backend.containers().remove(record.id(), false, false);
                deleted.add(record.id());
            } catch (EngineException e) {
                // started again meanwhile, or removed by someone else: not ours to prune any more
                console.err().println(daemonLine(e));
                code = 1;
            }
        }
        if (!deleted.isEmpty()) {
            console.out().println("Deleted Containers:");
            deleted.forEach(console.out()::println);
            console.out().println();
        }
        console.out().println("Total reclaimed space: 0B");
        return code;
    }
}

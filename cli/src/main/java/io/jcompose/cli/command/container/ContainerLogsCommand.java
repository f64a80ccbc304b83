package io.jcompose.cli.command.container;

import io.jcompose.cli.UsageException;
import io.jcompose.cli.command.LogsCommand;
import io.jcompose.engine.spi.Backend;
import io.jcompose.engine.spi.ContainerOps;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose container logs}: one container's output, unprefixed, stdout and stderr kept apart. */
@Command(name = "logs", sortOptions = false, description = "Fetch the logs of a container")
public final class ContainerLogsCommand extends ContainerBase {

    @Parameters(paramLabel = "CONTAINER", description = "The container (name, id or id prefix)")
    String container;

    @Option(names = {"-f", "--follow"}, description = "Follow log output")
    boolean follow;

    @Option(names = {"-n", "--tail"}, paramLabel = "N", description = "Number of lines to show from the end of the"
            + " logs (default \"all\")")
    String tail = "all";

    @Option(names = {"-t", "--timestamps"}, description = "Show timestamps")
    boolean timestamps;

    @Option(names = "--since", paramLabel = "TIME", description = "Show logs since timestamp (2013-01-02T13:23:37Z)"
            + " or relative (42m)")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Show logs before a timestamp or relative (42m)")
    String until;

    @Override
    protected int run(Backend backend) {
        Optional<Integer> lines = tail.equals("all") || tail.equals("-1") ? Optional.empty() : Optional.of(count());
        ContainerOps.LogOptions options = new ContainerOps.LogOptions(follow, timestamps, lines,
                LogsCommand.time(since, "--since"), LogsCommand.time(until, "--until"));
        require(backend, container);
        backend.containers().logs(container, options, (line, stderr) -> {
            var out = stderr ? console.err() : console.out();
            out.println(line);
            out.flush();
        });
        return 0;
    }

    private int count() {
        if (!tail.matches("\\d+")) {
            throw new UsageException("invalid --tail \"" + tail + "\" (expected a number or all)");
        }
        return Integer.parseInt(tail);
    }
}

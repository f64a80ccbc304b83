package io.jcompose.cli.command;

import io.jcompose.cli.render.LogPrinter;
import io.jcompose.engine.spi.Backend;
import io.jcompose.engine.spi.ContainerOps;
import io.jcompose.model.Project;
import io.jcompose.planner.observed.ObservedContainer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose logs}: output of the project's containers, each line prefixed with its container. */
@Command(name = "logs", sortOptions = false, description = "View output from containers")
public final class LogsCommand extends EngineCommand {

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services")
    List<String> services = new ArrayList<>();

    @Option(names = {"-f", "--follow"}, description = "Follow log output")
    boolean follow;

    @Option(names = {"-n", "--tail"}, paramLabel = "N", description = "Number of lines to show from the end of the"
            + " logs for each container (default \"all\")")
    String tail = "all";

    @Option(names = {"-t", "--timestamps"}, description = "Show timestamps")
    boolean timestamps;

    @Option(names = "--since", paramLabel = "TIME", description = "Show logs since timestamp (2013-01-02T13:23:37Z)"
            + " or relative (42m)")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Show logs before a timestamp or relative (42m)")
    String until;

    @Option(names = "--no-color", description = "Produce monochrome output")
    boolean noColor;

    @Option(names = "--no-log-prefix", description = "Don't print prefix in logs")
    boolean noLogPrefix;

    @Option(names = "--index", paramLabel = "N", description = "index of the container if service has multiple"
            + " replicas")
    Integer index;

    @Override
    public Integer call() throws InterruptedException {
        Optional<Project> project = projectIfAny(services);
        String name = projectName(project);
        ContainerOps.LogOptions options = new ContainerOps.LogOptions(follow, timestamps, tailLines(),
                time(since, "--since"), time(until, "--until"));
        try (Backend backend = openBackend()) {
            List<ObservedContainer> containers = ServiceContainers.of(backend, name, services, true).stream()
                    .filter(c -> index == null || c.number().orElse(-1) == index).toList();
            LogPrinter printer = new LogPrinter(console.out(), !noColor && console.terminal(), !noLogPrefix,
                    containers.stream().map(AttachedSession::displayName).toList());
            try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < containers.size(); i++) {
                    ObservedContainer c = containers.get(i);
                    int colour = i;
                    threads.submit(() -> {
                        backend.containers().logs(c.name(), options,
                                (line, stderr) -> printer.line(AttachedSession.displayName(c), colour, line));
                        return null;
                    });
                }
            }
        }
        return 0;
    }

    private Optional<Integer> tailLines() {
        if (tail.equals("all") || tail.equals("-1")) {
            return Optional.empty();
        }
        if (!tail.matches("\\d+")) {
            throw new io.jcompose.cli.UsageException("invalid --tail \"" + tail + "\" (expected a number or all)");
        }
        return Optional.of(Integer.parseInt(tail));
    }

    /** An absolute timestamp, or a duration back from now such as {@code 42m} or {@code 1h30m}. */
    public static Optional<Instant> time(String text, String flag) {
        if (text == null) {
            return Optional.empty();
        }
        Optional<java.time.Duration> ago = io.jcompose.model.validate.Durations.parse(text);
        if (ago.isPresent()) {
            return Optional.of(Instant.now().minus(ago.get()));
        }
        try {
            return Optional.of(Instant.parse(text));
        } catch (DateTimeParseException e) {
            throw new io.jcompose.cli.UsageException("invalid " + flag + " \"" + text
                    + "\" (expected a timestamp like 2013-01-02T13:23:37Z or a duration like 42m)");
        }
    }
}

package io.jcompose.cli.command;

import io.jcompose.cli.render.EventLine;
import io.jcompose.engine.spi.Backend;
import io.jcompose.model.Project;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose events}: what happens to the project's containers, as it happens, until interrupted. */
@Command(name = "events", sortOptions = false, description = "Receive real time events from containers")
public final class EventsCommand extends EngineCommand {

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services")
    List<String> services = new ArrayList<>();

    @Option(names = "--json", description = "Output events as a stream of json objects")
    boolean json;

    @Option(names = "--since", paramLabel = "TIME", description = "Show all events created since timestamp")
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Stream events until this timestamp")
    String until;

    @Override
    public Integer call() {
        Optional<Project> project = projectIfAny(services);
        String name = projectName(project);
        EventLine format = new EventLine(ZoneId.systemDefault());
        try (Backend backend = openBackend()) {
            backend.events(name, LogsCommand.time(since, "--since"), LogsCommand.time(until, "--until"), e -> {
                if (EventLine.shown(e) && (services.isEmpty() || services.contains(EventLine.service(e)))) {
                    console.out().println(json ? format.json(e) : format.text(e));
                    console.out().flush();
                }
            });
        }
        return 0;
    }
}

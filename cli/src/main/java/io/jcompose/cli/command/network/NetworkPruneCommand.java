package io.jcompose.cli.command.network;

import io.jcompose.cli.command.objects.Filters;
import io.jcompose.cli.command.objects.ObjectCommand;
import io.jcompose.engine.linux.LinuxBackend;
import io.jcompose.engine.spi.ConflictException;
import io.jcompose.engine.spi.NetworkOps.NetworkInfo;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jcompose network prune}: removes every network no container is on, except the default one. */
@Command(name = "prune", sortOptions = false, description = "Remove all unused networks")
public final class NetworkPruneCommand extends ObjectCommand {

    @Option(names = "--filter", paramLabel = "FILTER", description = "label=KEY[=VALUE]")
    List<String> filters = new ArrayList<>();

    @Option(names = {"-f", "--force"}, description = "Do not prompt for confirmation (jcompose never prompts)")
    boolean force;

    @Override
    protected int run(LinuxBackend linux) {
        prune(linux, Filters.parse(filters, Set.of("label")), console.out());
        return 0;
    }

    /** Removes the unused networks that pass {@code filters}, listed under {@code Deleted Networks:}. */
    public static List<String> prune(LinuxBackend linux, Filters filters, PrintWriter out) {
        List<String> removed = new ArrayList<>();
        for (NetworkInfo n : linux.linuxNetworks().list().stream().sorted(Comparator.comparing(NetworkInfo::name))
                .toList()) {
            if (n.name().equals(NetworkCommand.DEFAULT) || !n.containers().isEmpty() || !filters.labels(n.labels())) {
                continue;
            }
            try {
                linux.networks().remove(n.name());
            } catch (ConflictException e) {
                // a container joined it meanwhile: it is in use after all
                continue;
            }
            if (removed.isEmpty()) {
                out.println("Deleted Networks:");
            }
            out.println(n.name());
            removed.add(n.name());
        }
        if (!removed.isEmpty()) {
            out.println();
        }
        return removed;
    }
}

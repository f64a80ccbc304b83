package io.jcompose.cli.command.volume;

import io.jcompose.cli.UsageException;
import io.jcompose.cli.command.objects.KeyValues;
import io.jcompose.cli.command.objects.ObjectCommand;
import io.jcompose.engine.linux.LinuxBackend;
import io.jcompose.engine.spi.VolumeOps;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose volume create}: a local volume, named or (without a name) anonymous; prints its name. */
@Command(name = "create", sortOptions = false, description = "Create a volume")
public final class VolumeCreateCommand extends ObjectCommand {

    @Parameters(paramLabel = "VOLUME", arity = "0..1", description = "Name of the volume")
    String positional;

    @Option(names = "--name", paramLabel = "NAME", description = "Name of the volume")
    String name;

    @Option(names = {"-d", "--driver"}, paramLabel = "DRIVER", description = "Volume driver (only local)")
    String driver = "local";

    @Option(names = {"-o", "--opt"}, paramLabel = "KEY=VALUE", description = "Driver options")
    List<String> options = new ArrayList<>();

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "Set metadata for a volume")
    List<String> labels = new ArrayList<>();

    @Override
    protected int run(LinuxBackend linux) {
        if (positional != null && name != null && !positional.equals(name)) {
            throw new UsageException("conflicting options: either specify --name or provide positional arg, not both");
        }
        String wanted = positional != null ? positional : name;
        String created;
        if (wanted == null) {
            if (!options.isEmpty() || !labels.isEmpty() || !driver.equals("local")) {
                // an anonymous volume carries only the anonymous label; make the name explicit for anything else
                throw new UsageException("give the volume a name to create it with labels, options or a driver");
            }
            created = linux.volumeStore().createAnonymous();
        } else {
            created = linux.volumeStore().create(new VolumeOps.VolumeSpec(wanted, Optional.of(driver),
                    KeyValues.parse(options, "--opt"), KeyValues.parse(labels, "--label"))).name();
        }
        console.out().println(created);
        return 0;
    }
}

package io.jcompose.cli.command.volume;

import io.jcompose.cli.command.objects.ObjectCommand;
import io.jcompose.engine.linux.LinuxBackend;
import io.jcompose.engine.spi.ConflictException;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose volume rm}: removes volumes, refusing one that a container (running or not) mounts. */
@Command(name = "rm", aliases = "remove", sortOptions = false, description = "Remove one or more volumes")
public final class VolumeRmCommand extends ObjectCommand {

    @Parameters(paramLabel = "VOLUME", arity = "1..*", description = "Names of volumes")
    List<String> names;

    @Option(names = {"-f", "--force"}, description = "Do not complain about a volume that does not exist")
    boolean force;

    @Override
    protected int run(LinuxBackend linux) {
        int code = 0;
        for (String name : names) {
            if (linux.volumeStore().inspect(name).isEmpty()) {
                if (!force) {
                    code = daemonError("get " + name + ": no such volume");
                }
                continue;
            }
            try {
                linux.volumes().remove(name);
                console.out().println(name);
            } catch (ConflictException e) {
                code = daemonError(e.getMessage());
            }
        }
        return code;
    }
}

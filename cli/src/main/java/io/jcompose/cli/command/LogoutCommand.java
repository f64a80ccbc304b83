package io.jcompose.cli.command;

import io.jcompose.cli.Console;
import io.jcompose.cli.ConsoleAware;
import io.jcompose.cli.ExitCodes;
import io.jcompose.engine.linux.image.ImageName;
import io.jcompose.engine.linux.registry.DockerConfigFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code jcompose logout}: removes a registry's credentials from Docker's config file. Needs no backend. */
@Command(name = "logout", sortOptions = false, description = "Log out from a registry")
public final class LogoutCommand implements Callable<Integer>, ConsoleAware {

    @Parameters(arity = "0..1", paramLabel = "SERVER", description = "The registry (default: docker.io)")
    String server = ImageName.DOCKER_HUB;

    private Console console;

    @Override
    public void console(Console value) {
        this.console = value;
    }

    @Override
    public Integer call() {
        DockerConfigFile config = DockerConfigFile.fromEnvironment(console.env());
        try {
            if (config.remove(server)) {
                console.out().println("Removing login credentials for " + server);
            } else {
                // as docker: not an error, there is simply nothing to remove
                console.out().println("Not logged in to " + server);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        console.out().flush();
        return ExitCodes.OK;
    }
}

package io.jcompose.cli.command;

import io.jcompose.cli.Console;
import io.jcompose.cli.ConsoleAware;
import io.jcompose.cli.ExitCodes;
import io.jcompose.cli.UsageException;
import io.jcompose.engine.linux.image.ImageName;
import io.jcompose.engine.linux.registry.RegistryClient;
import io.jcompose.engine.linux.registry.RegistryCredentials;
import io.jcompose.engine.linux.registry.RegistrySettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code jcompose login}: checks a user name and password with a registry and stores them in Docker's config file,
 * where pulls and pushes of either tool find them. Needs no backend.
 */
@Command(name = "login", sortOptions = false, description = "Log in to a registry")
public final class LoginCommand implements Callable<Integer>, ConsoleAware {

    @Parameters(arity = "0..1", paramLabel = "SERVER", description = "The registry (default: docker.io)")
    String server = ImageName.DOCKER_HUB;

    @Option(names = {"-u", "--username"}, paramLabel = "USER", description = "Username")
    String username;

    @Option(names = {"-p", "--password"}, paramLabel = "PASSWORD", description = "Password or access token")
    String password;

    @Option(names = "--password-stdin", description = "Take the password or access token from stdin")
    boolean passwordStdin;

    private Console console;

    @Override
    public void console(Console value) {
        this.console = value;
    }

    @Override
    public Integer call() {
        if (password != null && passwordStdin) {
            throw new UsageException("--password and --password-stdin are mutually exclusive");
        }
        if (username == null || username.isBlank()) {
            throw new UsageException(passwordStdin ? "Must provide --username with --password-stdin"
                    : "login needs --username USER, with --password-stdin (or --password PASSWORD): jcompose does"
                    + " not prompt for them");
        }
        String secret;
        if (passwordStdin) {
            secret = readStdin();
        } else if (password != null) {
            console.err().println("WARNING! Using --password via the CLI is insecure. Use --password-stdin.");
            console.err().flush();
            secret = password;
        } else {
            throw new UsageException("login needs a password: --password-stdin (or --password PASSWORD)");
        }
        if (secret.isEmpty()) {
            throw new UsageException("login needs a password: the one given is empty");
        }
        RegistryCredentials credentials = new RegistryCredentials(username.strip(), secret);
        RegistrySettings settings = RegistrySettings.fromEnvironment(console.env());
        RegistryClient.checkCredentials(settings, server, credentials);
        try {
            settings.dockerConfig().store(server, credentials);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        console.out().println("Login Succeeded");
        console.out().flush();
        return ExitCodes.OK;
    }

    /** stdin without the line break that {@code echo} and most files end with, as docker reads it. */
    private String readStdin() {
        try {
            String text = new String(console.in().readAllBytes(), StandardCharsets.UTF_8);
            if (text.endsWith("\n")) {
                text = text.substring(0, text.length() - 1);
            }
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

package io.jcompose.cli.command;

import io.jcompose.cli.Console;
import io.jcompose.cli.ConsoleAware;
import io.jcompose.cli.ExitCodes;
import io.jcompose.cli.UsageException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jcompose version}: the version, as text or JSON, or the bare number with {@code --short}. */
@Command(name = "version", description = "Show the jcompose version information")
public final class VersionCommand implements Callable<Integer>, ConsoleAware {

    @Option(names = "--format", paramLabel = "FORMAT", description = "Format the output: pretty or json")
    String format = "pretty";

    @Option(names = "--short", description = "Shows only jcompose's version number")
    boolean shortForm;

    private Console console;

    @Override
    public void console(Console value) {
        this.console = value;
    }

    /** The version this build was made as. */
    public static String version() {
        Properties props = new Properties();
        try (InputStream in = VersionCommand.class.getResourceAsStream("/io/jcompose/cli/version.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props.getProperty("version", "unknown");
    }

    @Override
    public Integer call() {
        String version = version();
        if (shortForm) {
            console.out().println(version);
        } else {
            switch (format) {
                case "json" -> console.out().println("{\"version\":\"" + version + "\"}");
                case "pretty", "" -> console.out().println("jcompose version " + version);
                default -> throw new UsageException("unsupported format \"" + format + "\" (expected pretty or json)");
            }
        }
        return ExitCodes.OK;
    }
}

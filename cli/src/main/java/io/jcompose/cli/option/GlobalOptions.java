package io.jcompose.cli.option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The options every command takes, as docker compose's. Those without a one-letter form are also accepted after the
 * command name; {@code -f} and {@code -p} only before it, since commands use those letters for their own flags.
 */
public final class GlobalOptions {

    // -f and -p go before the command, as in docker compose: after it they mean other things (logs -f, run -p)
    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "Compose configuration files (repeatable; - for stdin)")
    public List<String> files = new ArrayList<>();

    @Option(names = {"-p", "--project-name"}, paramLabel = "NAME",
            description = "Project name")
    public String projectName;

    @Option(names = "--project-directory", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Alternate working directory (default: the directory of the first compose file)")
    public Path projectDirectory;

    @Option(names = "--env-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Alternate environment files (repeatable)")
    public List<String> envFiles = new ArrayList<>();

    @Option(names = "--profile", paramLabel = "PROFILE", scope = ScopeType.INHERIT,
            description = "Profiles to enable (repeatable)")
    public List<String> profiles = new ArrayList<>();

    @Option(names = "--ansi", paramLabel = "WHEN", scope = ScopeType.INHERIT, defaultValue = "auto",
            description = "Control when to print ANSI control characters: never, always, auto (default: auto)")
    public Ansi ansi = Ansi.AUTO;

    @Option(names = "--progress", paramLabel = "TYPE", scope = ScopeType.INHERIT, defaultValue = "auto",
            description = "Type of progress output: auto, tty, plain, json, quiet (default: auto)")
    public Progress progress = Progress.AUTO;

    @Option(names = "--backend", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "Where containers run: docker (a Docker daemon, DOCKER_HOST) or linux (built in);"
                    + " default: $JCOMPOSE_BACKEND, else docker")
    public String backend;

    @Option(names = "--parallel", paramLabel = "N", scope = ScopeType.INHERIT, defaultValue = "-1",
            description = "Control max parallelism, -1 for unlimited (default: -1)")
    public int parallel = -1;

    @Option(names = "--dry-run", scope = ScopeType.INHERIT, description = "Execute command in dry run mode")
    public boolean dryRun;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show debug output and stack traces")
    public boolean verbose;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help")
    public boolean help;

    /** When to colour output. */
    public enum Ansi { NEVER, ALWAYS, AUTO }

    /** How to show progress. */
    public enum Progress { AUTO, TTY, PLAIN, JSON, QUIET }
}

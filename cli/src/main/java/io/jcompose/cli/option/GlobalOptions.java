package io.jcompose.cli.option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The options every command takes, as docker compose's: accepted before or after the command name. */
public final class GlobalOptions {

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Compose configuration files (repeatable; - for stdin)")
    public List<String> files = new ArrayList<>();

    @Option(names = {"-p", "--project-name"}, paramLabel = "NAME", scope = ScopeType.INHERIT,
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

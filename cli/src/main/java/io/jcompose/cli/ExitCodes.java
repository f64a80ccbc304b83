package io.jcompose.cli;

import io.jcompose.model.source.ComposeFileException;
import picocli.CommandLine;

/** Turns what went wrong into docker compose's exit codes; the one place that knows them. */
public final class ExitCodes implements CommandLine.IExitCodeExceptionMapper {

    public static final int OK = 0;
    public static final int FAILURE = 1;
    /** No compose file was found. */
    public static final int FILE_NOT_FOUND = 14;
    /** The compose file is invalid. */
    public static final int COMPOSE_PARSE_FAILURE = 15;
    /** The command line is invalid. */
    public static final int COMMAND_SYNTAX_FAILURE = 16;
    public static final int INTERRUPTED = 130;

    @Override
    public int getExitCode(Throwable exception) {
        return of(exception);
    }

    static int of(Throwable exception) {
        return switch (exception) {
            case ComposeFileException e when e.getMessage().startsWith("no configuration file provided") ->
                    FILE_NOT_FOUND;
            case ComposeFileException e -> COMPOSE_PARSE_FAILURE;
            case CommandLine.ParameterException e -> COMMAND_SYNTAX_FAILURE;
            case UsageException e -> COMMAND_SYNTAX_FAILURE;
            default -> FAILURE;
        };
    }
}

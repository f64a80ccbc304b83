package io.jcompose.cli;

import io.jcompose.model.source.ComposeFileException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * Prints what went wrong as the user needs it: the loader's problems one per line, anything else as one line;
 * the Java stack trace only with {@code --verbose}.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {

    private final Console console;
    private final GlobalState state;

    ErrorHandler(Console console, GlobalState state) {
        this.console = console;
        this.state = state;
    }

    @Override
    public int handleExecutionException(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
        switch (e) {
            case ComposeFileException cfe -> cfe.problems().forEach(p -> console.err().println(p));
            case UsageException ue -> console.err().println(ue.getMessage());
            case UncheckedIOException io -> console.err().println(describe(io.getCause()));
            case RuntimeException re when isBug(re) -> console.err().println("internal error: " + describe(re)
                    + (state.verbose() ? "" : " (run again with --verbose for details, and report it)"));
            default -> console.err().println(describe(e));
        }
        if (state.verbose()) {
            e.printStackTrace(console.err());
        }
        console.err().flush();
        return ExitCodes.of(e);
    }

    private static boolean isBug(RuntimeException e) {
        return e instanceof NullPointerException || e instanceof ClassCastException
                || e instanceof IndexOutOfBoundsException || e instanceof IllegalStateException
                || e instanceof IllegalArgumentException;
    }

    private static String describe(Throwable t) {
        if (t instanceof NoSuchFileException n) {
            return n.getFile() + ": no such file or directory";
        }
        String message = t.getMessage();
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : message;
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        console.err().println(ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, console.err());
        console.err().println("See '" + cmd.getCommandSpec().qualifiedName() + " --help'.");
        console.err().flush();
        return ExitCodes.COMMAND_SYNTAX_FAILURE;
    }
}

package io.jcompose.cli;

/** A command that writes through the injected {@link Console} instead of System.out. */
public interface ConsoleAware {

    void console(Console console);
}

package io.jcompose.cli;

import picocli.CommandLine;

/** Gives every command that asks for it the {@link Console}; other classes are made as picocli would. */
final class ConsoleFactory implements CommandLine.IFactory {

    private final Console console;
    private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

    ConsoleFactory(Console console) {
        this.console = console;
    }

    @Override
    public <K> K create(Class<K> cls) throws Exception {
        K made = fallback.create(cls);
        if (made instanceof ConsoleAware aware) {
            aware.console(console);
        }
        return made;
    }
}

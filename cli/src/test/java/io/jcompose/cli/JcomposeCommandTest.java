package io.jcompose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class JcomposeCommandTest {

    private static CommandLine commandLine(String... args) {
        Console console = new Console(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()),
                InputStream.nullInputStream(), Map.of(), Path.of("."), false);
        return JcomposeCommand.commandLine(console, args);
    }

    @Test
    void aNamedCommand_isTheOnlyOneBuilt_downToAGroupsMember() {
        assertThat(commandLine("--progress", "plain", "up", "-d").getSubcommands()).containsOnlyKeys("up");
        CommandLine image = commandLine("image", "build", "-t", "x", ".").getSubcommands().get("image");
        assertThat(image.getSubcommands()).containsOnlyKeys("build");
        CommandLine container = commandLine("container", "ls", "-a").getSubcommands().get("container");
        assertThat(container.getSubcommands().values().stream().map(CommandLine::getCommandName).distinct())
                .as("one command, under its name and aliases").containsExactly("ls");
    }

    @Test
    void whenUnsure_everyCommandIsBuilt_forUsageAndSuggestions() {
        assertThat(commandLine("help").getSubcommands()).containsKeys("up", "down", "image", "container");
        assertThat(commandLine("image", "--help").getSubcommands().get("image").getSubcommands())
                .containsKeys("build", "ls", "pull", "push", "rm", "prune");
        assertThat(commandLine("image", "lss").getSubcommands().get("image").getSubcommands())
                .as("an unknown member: all, so that picocli can suggest one").containsKeys("ls", "load");
        assertThat(commandLine("volume").getSubcommands().get("volume").getSubcommands())
                .containsKeys("create", "ls", "rm");
    }
}

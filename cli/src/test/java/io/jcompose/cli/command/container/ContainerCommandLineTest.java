package io.jcompose.cli.command.container;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcompose.cli.CliRunner;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code container} group as picocli builds it: every subcommand, its help, its short forms. */
class ContainerCommandLineTest {

    private final CliRunner cli = new CliRunner(Path.of("."), Map.of());

    @Test
    void everySubcommand_hasHelp() {
        for (String sub : new String[] {"run", "create", "ls", "ps", "list", "logs", "exec", "start", "stop",
                "restart", "kill", "rm", "remove", "prune", "inspect", "top", "port", "cp", "rename", "wait",
                "stats"}) {
            CliRunner.Result r = cli.run("container", sub, "--help");
            assertThat(r.exitCode()).as(sub + ": " + r.err()).isZero();
            assertThat(r.out()).as(sub).contains("Usage: jcompose container ");
        }
    }

    @Test
    void group_listsItsCommands() {
        CliRunner.Result r = cli.run("container");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: jcompose container").contains("run").contains("prune")
                .contains("stats");
    }

    @Test
    void shortForms_onlyWhereComposeHasNoCommandOfTheName() {
        assertThat(cli.run("rename", "--help").out()).contains("Usage: jcompose rename");
        assertThat(cli.run("inspect", "--help").out()).contains("Usage: jcompose inspect");
        // compose's ps and run keep their meaning
        assertThat(cli.run("ps", "--help").out()).contains("SERVICE");
        assertThat(cli.run("run", "--help").out()).contains("SERVICE");
    }
}

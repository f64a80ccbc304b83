package io.jcompose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VersionCommandTest {

    private final CliRunner cli = new CliRunner(Path.of("."), Map.of());

    @Test
    void version_printsTheBuiltVersion() {
        CliRunner.Result r = cli.run("version");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).matches("jcompose version \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n");
    }

    @Test
    void version_shortAndJson() {
        assertThat(cli.run("version", "--short").out()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n");
        assertThat(cli.run("version", "--format", "json").out()).matches("\\{\"version\":\"[^\"]+\"}\n");
    }

    @Test
    void noCommand_printsUsage() {
        CliRunner.Result r = cli.run();
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("Usage: jcompose").contains("config").contains("version");
    }

    @Test
    void help_onEveryCommand() {
        for (String command : new String[] {"config", "version", "help"}) {
            CliRunner.Result r = cli.run(command, "--help");
            assertThat(r.exitCode()).as(command).isZero();
            assertThat(r.out()).as(command).contains("Usage: jcompose " + command);
        }
        assertThat(cli.run("help", "config").out()).contains("Usage: jcompose config");
    }

    @Test
    void unknownCommand_exits16() {
        CliRunner.Result r = cli.run("nosuch");
        assertThat(r.exitCode()).isEqualTo(16);
        assertThat(r.err()).contains("nosuch");
    }
}

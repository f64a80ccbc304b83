package io.jcompose.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogPrinterTest {

    @Test
    void line_padsThePrefixToTheLongestName() {
        StringWriter out = new StringWriter();
        LogPrinter printer = new LogPrinter(new PrintWriter(out), false, true, List.of("web-1", "worker-1"));
        printer.line("web-1", 0, "hello");
        printer.line("worker-1", 1, "there");
        assertThat(out.toString()).isEqualTo("web-1     | hello\nworker-1  | there\n");
    }

    @Test
    void line_withoutPrefix_printsTheTextOnly() {
        StringWriter out = new StringWriter();
        new LogPrinter(new PrintWriter(out), true, false, List.of("web-1")).line("web-1", 0, "plain");
        assertThat(out.toString()).isEqualTo("plain\n");
    }

    @Test
    void line_inColour_wrapsThePrefixOnly() {
        StringWriter out = new StringWriter();
        new LogPrinter(new PrintWriter(out), true, true, List.of("a-1")).line("a-1", 0, "x");
        assertThat(out.toString()).isEqualTo("\033[36ma-1  | \033[0mx\n");
    }
}

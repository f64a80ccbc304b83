package io.jcompose.cli.render;

import java.io.PrintWriter;
import java.util.List;

/**
 * Prints container log lines as docker compose does: {@code web-1  | line}, the prefix padded to the longest name
 * and coloured per container unless colours are off.
 */
public final class LogPrinter {

    private static final List<String> COLORS = List.of("36", "33", "32", "35", "34", "96", "93", "92", "95", "94");

    private final PrintWriter out;
    private final boolean color;
    private final boolean prefix;
    private final int width;

    public LogPrinter(PrintWriter out, boolean color, boolean prefix, List<String> names) {
        this.out = out;
        this.color = color;
        this.prefix = prefix;
        this.width = names.stream().mapToInt(String::length).max().orElse(0);
    }

    /** Writes one line; {@code index} picks the colour (stable per container). */
    public void line(String name, int index, String text) {
        String line;
        if (!prefix) {
            line = text;
        } else {
            String label = name + " ".repeat(Math.max(0, width - name.length())) + "  | ";
            line = color ? "\033[" + COLORS.get(Math.floorMod(index, COLORS.size())) + "m" + label + "\033[0m" + text
                    : label + text;
        }
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}

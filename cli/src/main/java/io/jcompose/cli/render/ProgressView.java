package io.jcompose.cli.render;

import io.jcompose.engine.event.EngineEvent;
import io.jcompose.engine.event.EngineListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Shows engine progress as docker compose does: on a terminal a live block of one line per object with its state
 * and time, redrawn in place; otherwise plain lines as things happen; JSON events; or nothing at all.
 */
public final class ProgressView implements EngineListener, AutoCloseable {

    /** How to show progress. */
    public enum Mode { TTY, PLAIN, JSON, QUIET }

    private final Mode mode;
    private final PrintWriter out;
    private final String title;
    private final Map<String, Line> lines = new LinkedHashMap<>();
    private int drawn;
    private int total;
    private int finished;

    private record Line(String object, String status, boolean done, boolean failed, Duration took) {
    }

    /** {@code title} is the word of the header line: "Running", "Stopping"... */
    public ProgressView(Mode mode, PrintWriter out, String title) {
        this.mode = mode;
        this.out = out;
        this.title = title;
    }

    /** How many objects the plan will act on, for the {@code [+] Running 2/5} header. */
    public synchronized void expect(int count) {
        total = count;
    }

    @Override
    public synchronized void on(EngineEvent event) {
        switch (event) {
            case EngineEvent.Started e -> {
                OperationText t = OperationText.of(e.node());
                update(t.object(), t.doing(), false, false, Duration.ZERO);
            }
            case EngineEvent.Finished e -> {
                OperationText t = OperationText.of(e.node());
                finished++;
                update(t.object(), t.done(), true, false, e.took());
            }
            case EngineEvent.Failed e -> {
                OperationText t = OperationText.of(e.node());
                finished++;
                update(t.object(), "Error", true, true, e.took());
            }
            case EngineEvent.Warning w -> warn(w.message());
            case EngineEvent.Progress p -> {
                if (mode == Mode.PLAIN) {
                    out.println(" " + OperationText.of(p.node()).object() + "  " + p.line());
                    out.flush();
                }
            }
        }
    }

    private void update(String object, String status, boolean done, boolean failed, Duration took) {
        Line line = new Line(object, status, done, failed, took);
        lines.remove(object);
        lines.put(object, line);
        switch (mode) {
            case PLAIN -> out.println(" " + object + "  " + status);
            case JSON -> out.println(json(line));
            case TTY -> redraw();
            case QUIET -> { }
        }
        out.flush();
    }

    private void warn(String message) {
        if (mode != Mode.QUIET) {
            out.println("WARN[0000] " + message);
            out.flush();
            drawn = 0;
        }
    }

    private void redraw() {
        if (drawn > 0) {
            out.print("\033[" + drawn + "A");
        }
        int width = lines.keySet().stream().mapToInt(String::length).max().orElse(0);
        out.print("\033[2K[+] " + title + " " + finished + "/" + Math.max(total, lines.size()) + "\n");
        for (Line l : lines.values()) {
            String mark = l.failed() ? "\033[31m✘\033[0m" : l.done() ? "\033[32m✔\033[0m" : "\033[34m⠿\033[0m";
            String time = l.done() ? String.format(Locale.ROOT, "%.1fs", l.took().toMillis() / 1000.0) : "";
            out.print("\033[2K " + mark + " " + pad(l.object(), width) + "  " + pad(l.status(), 10) + " " + time
                    + "\n");
        }
        drawn = lines.size() + 1;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }

    private static String json(Line l) {
        return "{\"id\":\"" + escape(l.object()) + "\",\"status\":\"" + escape(l.status()) + "\",\"done\":" + l.done()
                + (l.failed() ? ",\"error\":true" : "") + ",\"seconds\":" + (l.took().toMillis() / 1000.0) + "}";
    }

    private static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public synchronized void close() {
        out.flush();
    }
}

package io.jcompose.engine.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.BuildResponseItem;
import io.jcompose.engine.spi.BuildFailedException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Follows the classic builder's output: passes each line on as progress, remembers the step being run
 * ({@code Step 2/4 : RUN make}) and the last lines it printed, so a failure can name the step and show its tail.
 */
final class BuildOutput extends ResultCallback.Adapter<BuildResponseItem> {

    static final int TAIL_LINES = 15;

    /** The classic builder colours a step's stderr red with ANSI escapes; neither progress nor errors want them. */
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*m");

    private final String image;
    private final Consumer<String> progress;
    private final Deque<String> tail = new ArrayDeque<>();
    private final StringBuilder partial = new StringBuilder();
    private String step = "";
    private String error;

    BuildOutput(String image, Consumer<String> progress) {
        this.image = image;
        this.progress = progress;
    }

    @Override
    public void onNext(BuildResponseItem item) {
        if (item.getStream() != null) {
            text(item.getStream());
        } else if (item.getStatus() != null) {
            line(item.getStatus());
        }
        if (item.isErrorIndicated()) {
            error = ProgressLines.errorOf(item);
        }
    }

    private void text(String chunk) {
        partial.append(chunk);
        int newline;
        while ((newline = partial.indexOf("\n")) >= 0) {
            line(partial.substring(0, newline));
            partial.delete(0, newline + 1);
        }
    }

    private void line(String raw) {
        String line = ANSI.matcher(raw).replaceAll("").stripTrailing();
        if (line.isEmpty()) {
            return;
        }
        progress.accept(line);
        if (line.startsWith("Step ") && line.contains(" : ")) {
            step = line;
            tail.clear();
            return;
        }
        tail.addLast(line);
        if (tail.size() > TAIL_LINES) {
            tail.removeFirst();
        }
    }

    /** The error the build ended with, if it failed. */
    Optional<BuildFailedException> failure() {
        if (partial.length() > 0) {
            line(partial.toString());
            partial.setLength(0);
        }
        if (error == null) {
            return Optional.empty();
        }
        StringBuilder message = new StringBuilder("build of ").append(image).append(" failed");
        if (!step.isEmpty()) {
            // "Step 2/4 : RUN make" reads as "at step 2/4 (RUN make)"
            String[] parts = step.split(" : ", 2);
            message.append(" at ").append(parts[0].replaceFirst("^Step ", "step ")).append(" (")
                    .append(parts[1].strip()).append(')');
        }
        message.append(": ").append(error.strip());
        tail.stream().filter(l -> !l.startsWith(" ---> ") && !l.startsWith("Removing intermediate"))
                .forEach(l -> message.append(System.lineSeparator()).append("  ").append(l));
        return Optional.of(new BuildFailedException(message.toString()));
    }
}

package io.jcompose.engine.linux.build;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Build progress as Docker's plain output writes it: {@code #N [stage k/n] INSTRUCTION} when a step starts, its
 * output lines as {@code #N 0.512 text}, then {@code #N CACHED}, {@code #N DONE 1.2s} or {@code #N ERROR: …}.
 * Steps of stages built in parallel interleave, each line naming its step.
 */
public final class BuildProgress {

    private final Consumer<String> out;
    private final AtomicInteger next = new AtomicInteger(1);

    public BuildProgress(Consumer<String> out) {
        this.out = out;
    }

    /** A step number, taken in Dockerfile order before the stages run so that numbers do not depend on timing. */
    public int number() {
        return next.getAndIncrement();
    }

    /** One step being reported. */
    public final class Step {
        private final int number;
        private final long started = System.nanoTime();

        private Step(int number) {
            this.number = number;
        }

        public void line(String text) {
            emit(String.format(Locale.ROOT, "#%d %.3f %s", number, seconds(), text));
        }

        public void cached() {
            emit("#" + number + " CACHED");
        }

        public void done() {
            emit(String.format(Locale.ROOT, "#%d DONE %.1fs", number, seconds()));
        }

        public void error(String message) {
            emit("#" + number + " ERROR: " + message);
        }

        private double seconds() {
            return (System.nanoTime() - started) / 1e9;
        }
    }

    /** Starts step {@code number} with its title. */
    public Step start(int number, String title) {
        emit("#" + number + " " + title);
        return new Step(number);
    }

    private void emit(String line) {
        synchronized (out) {
            out.accept(line);
        }
    }
}

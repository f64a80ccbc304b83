package io.jcompose.cli.command;

import io.jcompose.engine.spi.ContainerOps;
import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * While open, passes SIGINT and SIGTERM received by jcompose on to one container instead of ending the JVM (which
 * would leave an attached one-off running and, with {@code --rm}, never removed). The third Ctrl-C kills the
 * container, for programs that ignore SIGINT (a shell's {@code sleep} as PID 1 does).
 */
final class SignalProxy implements AutoCloseable {

    private static final int KILL_AFTER = 3;

    private final ContainerOps containers;
    private final String container;
    private final PrintWriter err;
    private final AtomicInteger interrupts = new AtomicInteger();
    private final Signal sigint = new Signal("INT");
    private final Signal sigterm = new Signal("TERM");
    private final SignalHandler previousInt;
    private final SignalHandler previousTerm;

    SignalProxy(ContainerOps containers, String container, PrintWriter err) {
        this.containers = containers;
        this.container = container;
        this.err = err;
        this.previousInt = Signal.handle(sigint, this::onInterrupt);
        this.previousTerm = Signal.handle(sigterm, s -> forward("SIGTERM"));
    }

    private void onInterrupt(Signal signal) {
        if (interrupts.incrementAndGet() >= KILL_AFTER) {
            err.println("Killing " + container + "...");
            err.flush();
            forward("SIGKILL");
        } else {
            forward("SIGINT");
        }
    }

    /** A signal handler runs on a thread of its own; a container already gone is nothing to report. */
    private void forward(String signal) {
        try {
            containers.kill(container, signal);
        } catch (RuntimeException e) {
            // the container ended between the key press and the call: its exit is reported by the attach itself
        }
    }

    @Override
    public void close() {
        Signal.handle(sigint, previousInt);
        Signal.handle(sigterm, previousTerm);
    }
}

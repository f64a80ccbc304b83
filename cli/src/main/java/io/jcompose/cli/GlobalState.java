package io.jcompose.cli;

/** Holds flags that the error handler needs before any command runs. */
final class GlobalState {

    private boolean verbose;

    boolean verbose() {
        return verbose;
    }

    void verbose(boolean value) {
        verbose = value;
    }
}

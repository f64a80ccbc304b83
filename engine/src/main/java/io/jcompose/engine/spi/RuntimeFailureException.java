package io.jcompose.engine.spi;

/** The container runtime failed to do what was asked (its error in the message). */
public final class RuntimeFailureException extends EngineException {

    public RuntimeFailureException(String message) {
        super(message);
    }

    public RuntimeFailureException(String message, Throwable cause) {
        super(message, cause);
    }
}

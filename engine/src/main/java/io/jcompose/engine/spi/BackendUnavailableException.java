package io.jcompose.engine.spi;

/** The backend cannot be reached or cannot run here; the message says how to fix it. */
public final class BackendUnavailableException extends EngineException {

    public BackendUnavailableException(String message) {
        super(message);
    }

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

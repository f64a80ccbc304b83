package io.jcompose.engine.spi;

/** Root of what a backend or the engine reports; the message is one line for the user. */
public sealed class EngineException extends RuntimeException
        permits NotFoundException, ConflictException, BackendUnavailableException, BuildFailedException,
        RuntimeFailureException {

    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.jcompose.engine.spi;

/** The object exists already, or is in use. */
public final class ConflictException extends EngineException {

    public ConflictException(String message) {
        super(message);
    }

    public ConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.jcompose.engine.spi;

/** The object does not exist (container, network, volume, image). */
public final class NotFoundException extends EngineException {

    public NotFoundException(String message) {
        super(message);
    }

    public NotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.jcompose.engine.spi;

/** An image build failed; the message holds the failing step and the tail of its output. */
public final class BuildFailedException extends EngineException {

    public BuildFailedException(String message) {
        super(message);
    }

    public BuildFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}

package io.jcompose.engine.linux.oci;

/**
 * A container setting that the built-in runtime cannot honour; the message is one line naming the compose key,
 * for example {@code cap_add: unknown capability "FOO"}.
 */
public final class OciConfigException extends IllegalArgumentException {

    public OciConfigException(String message) {
        super(message);
    }

    public OciConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}

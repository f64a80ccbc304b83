package io.jcompose.engine.linux.registry;

import java.io.IOException;
import javax.net.ssl.SSLException;

/**
 * The connection to a registry failed (refused, reset, timed out, stalled): worth another attempt, unlike the
 * store's own I/O errors, which travel as plain {@link IOException}s through the same code.
 */
final class RegistryTransferException extends IOException {

    RegistryTransferException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code what} failed because of {@code cause}, in one phrase: Java's own messages are often null. */
    static RegistryTransferException of(String what, Throwable cause) {
        return new RegistryTransferException(what + ": " + describe(cause), cause);
    }

    private static String describe(Throwable e) {
        String kind = switch (e) {
            case java.net.http.HttpConnectTimeoutException c -> "connect timed out";
            case java.net.http.HttpTimeoutException t -> "timed out waiting for an answer";
            case java.io.EOFException eof -> "connection closed early";
            default -> null;
        };
        if (kind != null) {
            return kind;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isBlank()) {
                return t instanceof java.net.ConnectException && m.startsWith("Connection refused")
                        ? "connection refused" : m;
            }
        }
        return e instanceof java.net.ConnectException ? "connection refused" : e.getClass().getSimpleName();
    }

    /** TLS failures (an unknown certificate authority, a plain-HTTP server) will not heal by themselves. */
    boolean isTransient() {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return false;
            }
        }
        return true;
    }
}

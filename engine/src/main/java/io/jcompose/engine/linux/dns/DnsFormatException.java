package io.jcompose.engine.linux.dns;

/** A DNS message that does not follow the wire format: cut short, a name too long, a compression pointer loop... */
public final class DnsFormatException extends Exception {

    public DnsFormatException(String message) {
        super(message);
    }
}

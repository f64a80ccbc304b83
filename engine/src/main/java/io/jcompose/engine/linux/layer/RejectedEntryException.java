package io.jcompose.engine.linux.layer;

import java.io.IOException;

/** A tar entry a layer may not contain (it would write outside the layer, or is a device): the layer is refused. */
public final class RejectedEntryException extends IOException {

    private final String entry;

    public RejectedEntryException(String entry, String reason) {
        super("layer entry \"" + entry + "\" rejected: " + reason);
        this.entry = entry;
    }

    /** The entry's name as the archive gives it. */
    public String entry() {
        return entry;
    }
}

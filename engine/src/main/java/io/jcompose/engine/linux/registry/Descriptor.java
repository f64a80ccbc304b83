package io.jcompose.engine.linux.registry;

import java.util.List;
import java.util.Optional;

/**
 * A content descriptor of a manifest: what a blob or child manifest is, its digest and size, and for index entries
 * the platform it serves; {@code urls} only for foreign layers.
 */
public record Descriptor(String mediaType, String digest, long size, List<String> urls, Optional<Platform> platform) {

    public Descriptor {
        urls = List.copyOf(urls);
    }
}

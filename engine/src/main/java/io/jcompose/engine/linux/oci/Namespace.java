package io.jcompose.engine.linux.oci;

import java.nio.file.Path;

/** How a container gets one kind of Linux namespace: the host's, a new private one, or an existing one joined. */
public sealed interface Namespace {

    /** The host's namespace: the config has no entry for it. */
    record Host() implements Namespace {
    }

    /** A new namespace of the container's own. */
    record Private() implements Namespace {
    }

    /** An existing namespace, by a path such as {@code /proc/<pid>/ns/net} or {@code /run/netns/x}. */
    record Join(Path path) implements Namespace {
        public Join {
            if (!path.isAbsolute()) {
                throw new IllegalArgumentException("a namespace path must be absolute: " + path);
            }
        }
    }

    Namespace HOST = new Host();
    Namespace PRIVATE = new Private();
}

package io.jcompose.cli.command;

import io.jcompose.engine.linux.LinuxBackend;
import io.jcompose.engine.spi.Backend;

/**
 * A command on the built-in runtime's image store. With {@code --backend docker} it refuses in one line: Docker
 * has its own CLI for its images, and the store it manages is not ours.
 */
abstract class ImageStoreCommand extends EngineCommand {

    /** The open backend as the built-in runtime, or a usage error naming the way out. */
    protected LinuxBackend linux(Backend backend) {
        if (backend instanceof LinuxBackend linux) {
            return linux;
        }
        throw new io.jcompose.cli.UsageException("jcompose " + spec.qualifiedName().replaceFirst("^jcompose ", "")
                + " works on the built-in runtime's store (--backend linux); for a Docker daemon's images use the"
                + " docker CLI");
    }
}

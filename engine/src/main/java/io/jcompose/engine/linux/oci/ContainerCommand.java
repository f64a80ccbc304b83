package io.jcompose.engine.linux.oci;

import io.jcompose.engine.linux.image.ImageConfig;
import io.jcompose.engine.spi.ContainerSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The argv of a container's first process, merged from the spec and the image by Docker's rules. */
public final class ContainerCommand {

    private ContainerCommand() {
    }

    /**
     * Docker's rules: an {@code entrypoint} given with items replaces the image's ENTRYPOINT and drops its CMD;
     * an empty one ({@code entrypoint: []}) only clears the image's ENTRYPOINT; a non-empty {@code command}
     * replaces CMD; nothing at all left is an error.
     */
    public static List<String> args(ContainerSpec spec, ImageConfig image) {
        Optional<List<String>> entrypoint = spec.entrypoint();
        List<String> command = spec.command().orElse(List.of());
        List<String> out = new ArrayList<>();
        if (entrypoint.isPresent() && !entrypoint.get().isEmpty()) {
            out.addAll(entrypoint.get());
            out.addAll(command);
        } else {
            if (entrypoint.isEmpty()) {
                out.addAll(image.entrypoint().orElse(List.of()));
            }
            out.addAll(command.isEmpty() ? image.cmd().orElse(List.of()) : command);
        }
        if (out.isEmpty() || out.getFirst().isEmpty()) {
            throw new OciConfigException("command: no command specified (the image has no ENTRYPOINT or CMD"
                    + " and the service sets no entrypoint or command)");
        }
        return List.copyOf(out);
    }
}

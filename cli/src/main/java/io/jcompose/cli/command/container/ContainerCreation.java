package io.jcompose.cli.command.container;

import io.jcompose.cli.Console;
import io.jcompose.cli.UsageException;
import io.jcompose.engine.linux.LinuxBackend;
import io.jcompose.engine.spi.Backend;
import io.jcompose.engine.spi.ConflictException;
import io.jcompose.engine.spi.ContainerSpec;
import io.jcompose.engine.spi.NetworkOps;
import io.jcompose.engine.spi.NotFoundException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code docker create} does before the container exists: the image pulled when missing (or as
 * {@code --pull} says), the network checked (the default {@code bridge} made on the built-in runtime), the name
 * free; then the container created.
 */
final class ContainerCreation {

    private final Backend backend;
    private final Console console;

    ContainerCreation(Backend backend, Console console) {
        this.backend = backend;
        this.console = console;
    }

    /**
     * Creates the container of {@code flags} running {@code image} and returns its id and spec; {@code envFiles}
     * as in {@link RunFlags#spec}.
     */
    Created create(RunFlags flags, String image, List<String> command, List<String> envFiles) {
        pull(image, flags.pull);
        String name = flags.nameOrRandom();
        if (flags.name != null && !name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
            throw new UsageException("Invalid container name (" + name + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are"
                    + " allowed");
        }
        ContainerSpec spec = flags.spec(name, image, command, flags.publishAll ? exposedPorts(image) : List.of(),
                envFiles, console.env(), console.cwd());
        if (!flags.isNetworkMode()) {
            network(flags.networkName());
        }
        return new Created(backend.containers().create(spec), spec);
    }

    /** A created container: its id and what it was made from. */
    record Created(String id, ContainerSpec spec) {
    }

    private void pull(String image, String policy) {
        boolean present = backend.images().inspect(image).isPresent();
        switch (policy) {
            case "missing" -> {
                if (!present) {
                    console.err().println("Unable to find image '" + image + "' locally");
                    doPull(image);
                }
            }
            case "always" -> doPull(image);
            case "never" -> {
                if (!present) {
                    throw new NotFoundException("No such image: " + image);
                }
            }
            default -> throw new UsageException("invalid pull option: '" + policy
                    + "': must be one of \"always\", \"missing\" or \"never\"");
        }
    }

    private void doPull(String image) {
        backend.images().pull(image, line -> {
            console.err().println(line);
            console.err().flush();
        });
    }

    /** The image's exposed ports, for {@code -P}; only the built-in runtime's store tells them through jcompose. */
    private List<String> exposedPorts(String image) {
        if (backend instanceof LinuxBackend linux) {
            return linux.imageStore().find(image).map(i -> i.config().exposedPorts()).orElse(List.of());
        }
        return List.of();
    }

    /**
     * A user network must exist, as Docker wants it. The default {@code bridge} the built-in runtime makes on first
     * use, without labels, so that no compose project takes it for its own.
     */
    private void network(String name) {
        if (backend.networks().inspect(name).isPresent()) {
            return;
        }
        if (!name.equals(RunFlags.DEFAULT_NETWORK)) {
            throw new NotFoundException("network " + name + " not found");
        }
        try {
            backend.networks().create(new NetworkOps.NetworkSpec(name, Optional.of("bridge"), Map.of(), Map.of(),
                    false, true, false, List.of()));
        } catch (ConflictException madeMeanwhile) {
            // another command made it first: that one will do
        }
    }
}

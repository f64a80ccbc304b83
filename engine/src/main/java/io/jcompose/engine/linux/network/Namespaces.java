package io.jcompose.engine.linux.network;

import io.jcompose.engine.spi.RuntimeFailureException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Named network namespaces ({@code /run/netns/jc-<id 12>}), one per container, which its OCI runtime joins. */
final class Namespaces {

    static final Path NETNS_DIR = Path.of("/run/netns");

    private final Commands commands;

    Namespaces(Commands commands) {
        this.commands = commands;
    }

    static String name(String containerId) {
        return "jc-" + containerId.substring(0, Math.min(12, containerId.length()));
    }

    static Path path(String containerId) {
        return NETNS_DIR.resolve(name(containerId));
    }

    /** Creates it (an existing one is reused: a restarted container keeps its endpoints) and brings lo up. */
    Path create(String containerId) {
        String name = name(containerId);
        Path path = path(containerId);
        if (Files.exists(path) && !commands.run(List.of("ip", "-n", name, "link", "set", "lo", "up")).ok()) {
            // a file left where a namespace was (its mount gone): replace it
            commands.run(List.of("ip", "netns", "del", name));
        }
        if (!Files.exists(path)) {
            Commands.Result r = commands.run(List.of("ip", "netns", "add", name));
            if (!r.ok() && !Files.exists(path)) {
                throw new RuntimeFailureException("cannot create network namespace " + name + ": " + r.complaint());
            }
        }
        commands.check(List.of("ip", "-n", name, "link", "set", "lo", "up"));
        return path;
    }

    /** Deletes it, and with it the container ends of its veths (the kernel removes the host ends too). */
    void delete(String containerId) {
        String name = name(containerId);
        if (Files.exists(path(containerId))) {
            Commands.Result r = commands.run(List.of("ip", "netns", "del", name));
            if (!r.ok() && Files.exists(path(containerId))) {
                throw new RuntimeFailureException("cannot delete network namespace " + name + ": " + r.complaint());
            }
        }
    }
}

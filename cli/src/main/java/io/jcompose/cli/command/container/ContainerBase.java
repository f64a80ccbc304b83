package io.jcompose.cli.command.container;

import io.jcompose.cli.UsageException;
import io.jcompose.cli.command.EngineCommand;
import io.jcompose.engine.linux.LinuxBackend;
import io.jcompose.engine.spi.Backend;
import io.jcompose.engine.spi.ContainerInfo;
import io.jcompose.engine.spi.EngineException;
import io.jcompose.engine.spi.NotFoundException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A {@code jcompose container} command: it names containers as the docker CLI does (name, id or id prefix, of any
 * container, compose's included) and reports what the backend refuses as the docker CLI does, one line each.
 */
abstract class ContainerBase extends EngineCommand {

    /** The docker CLI's prefix for what the daemon refused; the built-in runtime stands in for the daemon. */
    static final String DAEMON = "Error response from daemon: ";

    @Override
    public final Integer call() throws Exception {
        try (Backend backend = openBackend()) {
            return run(backend);
        } catch (EngineException | UncheckedIOException e) {
            console.out().flush();
            console.err().println(daemonLine(e));
            console.err().flush();
            return failureCode();
        } finally {
            console.out().flush();
            console.err().flush();
        }
    }

    /** The exit code when the backend refused: 1, and 125 for {@code run} and {@code create} as docker has it. */
    protected int failureCode() {
        return 1;
    }

    /** The command's work on the open backend; its result is the exit code. */
    protected abstract int run(Backend backend) throws Exception;

    /** The container, or the docker CLI's "No such container". */
    protected static ContainerInfo require(Backend backend, String nameOrId) {
        return backend.containers().inspect(nameOrId)
                .orElseThrow(() -> new NotFoundException("No such container: " + nameOrId));
    }

    /**
     * Does {@code action} to each container in turn, printing each one's name as given when it worked and the
     * refusal when not, as {@code docker stop a b} does; the exit code is 1 when any failed.
     */
    protected int each(Backend backend, List<String> names, NamedAction action) {
        int code = 0;
        for (String name : names) {
            try {
                action.apply(backend, name);
                console.out().println(name);
            } catch (EngineException | UncheckedIOException e) {
                console.err().println(daemonLine(e));
                code = 1;
            }
            console.out().flush();
            console.err().flush();
        }
        return code;
    }

    /** An action on one container, named as the user named it. */
    @FunctionalInterface
    protected interface NamedAction {
        void apply(Backend backend, String nameOrId);
    }

    /** The built-in runtime; commands over every container need its store, which the SPI does not list. */
    protected LinuxBackend linux(Backend backend) {
        if (backend instanceof LinuxBackend linux) {
            return linux;
        }
        throw new UsageException("jcompose " + spec.qualifiedName().replaceFirst("^jcompose ", "")
                + " works on the built-in runtime (--backend linux); for a Docker daemon use the docker CLI");
    }

    static String daemonLine(Exception e) {
        Throwable t = e instanceof UncheckedIOException u && u.getCause() != null ? u.getCause() : e;
        String message = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName()
                : t.getMessage();
        return message.startsWith(DAEMON) ? message : DAEMON + message;
    }

    /** The first 12 characters of an id, as the docker CLI shows ids. */
    static String shortId(String id) {
        return id.length() > 12 ? id.substring(0, 12) : id;
    }
}

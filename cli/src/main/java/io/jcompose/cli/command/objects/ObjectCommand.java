package io.jcompose.cli.command.objects;

import io.jcompose.cli.UsageException;
import io.jcompose.cli.command.EngineCommand;
import io.jcompose.engine.linux.LinuxBackend;
import io.jcompose.engine.spi.Backend;
import io.jcompose.engine.spi.EngineException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * A docker object command ({@code volume}, {@code network}, {@code system}…) on the built-in runtime's store. A
 * refusal by the store is printed as the docker CLI prints the daemon's, {@code Error response from daemon: …}, in
 * one line with exit code 1; with {@code --backend docker} the command refuses, as the docker CLI does the job there.
 */
public abstract class ObjectCommand extends EngineCommand {

    /** The output formats object commands take besides the default table. */
    protected static final List<String> FORMATS = List.of("table", "json");

    @Override
    public final Integer call() {
        try (Backend backend = openBackend()) {
            if (!(backend instanceof LinuxBackend linux)) {
                throw new UsageException("jcompose " + spec.qualifiedName().replaceFirst("^jcompose ", "")
                        + " works on the built-in runtime (--backend linux); with a Docker daemon use the docker CLI");
            }
            return run(linux);
        } catch (EngineException | IllegalArgumentException e) {
            return daemonError(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            console.out().flush();
            console.err().flush();
        }
    }

    /** Does the work on the open backend and returns the exit code. */
    protected abstract int run(LinuxBackend linux) throws IOException;

    /** Prints a refusal as the docker CLI prints the daemon's; returns the exit code for it. */
    protected int daemonError(String message) {
        console.err().println("Error response from daemon: " + message);
        console.err().flush();
        return 1;
    }

    /** {@code table} (the default) or {@code json}; anything else is a usage error. */
    protected static boolean json(String format) {
        if (format == null || format.isBlank() || format.equals("table")) {
            return false;
        }
        if (format.equals("json")) {
            return true;
        }
        throw new UsageException("unsupported format \"" + format + "\": jcompose takes table or json");
    }
}

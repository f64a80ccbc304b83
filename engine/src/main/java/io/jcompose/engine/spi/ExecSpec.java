package io.jcompose.engine.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A command to run in a running container. */
public record ExecSpec(List<String> command, Map<String, String> environment, Optional<String> workingDir,
                       Optional<String> user, boolean tty, boolean privileged, boolean detach) {
}

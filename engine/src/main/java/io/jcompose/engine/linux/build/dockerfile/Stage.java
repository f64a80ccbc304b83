package io.jcompose.engine.linux.build.dockerfile;

import java.util.List;
import java.util.Optional;

/**
 * One build stage: its FROM and the instructions up to the next FROM.
 *
 * @param index the stage's 0-based position, which {@code COPY --from=N} names it by
 */
public record Stage(int index, Instruction.From from, List<Instruction> instructions) {

    public Stage {
        instructions = List.copyOf(instructions);
    }

    /** The {@code AS} name, lower case. */
    public Optional<String> name() {
        return from.name();
    }

    /** The base image or stage as written, unexpanded ({@code scratch} for none). */
    public String base() {
        return from.image();
    }

    /** {@code FROM --platform=} as written. */
    public Optional<String> platform() {
        return from.platform();
    }

    /** The line of the stage's FROM. */
    public int line() {
        return from.line();
    }

    /** The name when it has one, the index otherwise: how Docker names a stage in messages. */
    public String displayName() {
        return name().orElse(String.valueOf(index));
    }
}

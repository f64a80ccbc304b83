package io.jcompose.cli.command.container;

import picocli.CommandLine;

/**
 * For {@code run IMAGE COMMAND…} and {@code exec CONTAINER COMMAND…}: everything after the first positional belongs
 * to the command run in the container, its options included ({@code ls -la} is not ours to parse).
 */
final class StopAtCommand implements CommandLine.IModelTransformer {

    @Override
    public CommandLine.Model.CommandSpec transform(CommandLine.Model.CommandSpec spec) {
        spec.parser().stopAtPositional(true);
        return spec;
    }
}

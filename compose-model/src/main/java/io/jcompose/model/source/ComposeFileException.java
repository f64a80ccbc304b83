package io.jcompose.model.source;

import java.util.List;
import java.util.stream.Collectors;

/** Root of every error the loader reports; carries one or more problems, each printed on its own line. */
public sealed class ComposeFileException extends RuntimeException
        permits YamlSyntaxException, InterpolationException, SchemaException, ReferenceException, CycleException {

    private final List<Problem> problems;

    public ComposeFileException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")), null, false, false);
        this.problems = List.copyOf(problems);
    }

    public ComposeFileException(Problem problem) {
        this(List.of(problem));
    }

    /** A problem without a file position: a missing file, a bad command-line value. */
    public static ComposeFileException of(String message) {
        return new ComposeFileException(new Problem(SourceLocation.NONE, KeyPath.ROOT, message));
    }

    public List<Problem> problems() {
        return problems;
    }
}

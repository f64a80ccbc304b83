package io.jcompose.model.source;

import java.util.List;

/** A ${VAR} expression is malformed, or a required variable is missing. */
public final class InterpolationException extends ComposeFileException {

    public InterpolationException(List<Problem> problems) {
        super(problems);
    }

    public InterpolationException(Problem problem) {
        super(problem);
    }
}

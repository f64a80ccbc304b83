package io.jcompose.model.source;

import java.util.List;

/** Services depend on each other in a circle; the message names the whole cycle. */
public final class CycleException extends ComposeFileException {

    public CycleException(List<Problem> problems) {
        super(problems);
    }

    public CycleException(Problem problem) {
        super(problem);
    }
}

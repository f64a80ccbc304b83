package io.jcompose.model.source;

import java.util.List;

/** A name points at a service, network, volume, secret or config that does not exist. */
public final class ReferenceException extends ComposeFileException {

    public ReferenceException(List<Problem> problems) {
        super(problems);
    }

    public ReferenceException(Problem problem) {
        super(problem);
    }
}

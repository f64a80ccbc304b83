package io.jcompose.model.source;

import java.util.List;

/** A value has the wrong type or shape, or a key is unknown. */
public final class SchemaException extends ComposeFileException {

    public SchemaException(List<Problem> problems) {
        super(problems);
    }

    public SchemaException(Problem problem) {
        super(problem);
    }
}

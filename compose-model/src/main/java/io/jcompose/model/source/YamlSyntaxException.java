package io.jcompose.model.source;

import java.util.List;

/** The YAML itself is malformed: syntax, duplicate keys, bad tags. */
public final class YamlSyntaxException extends ComposeFileException {

    public YamlSyntaxException(List<Problem> problems) {
        super(problems);
    }

    public YamlSyntaxException(Problem problem) {
        super(problem);
    }
}

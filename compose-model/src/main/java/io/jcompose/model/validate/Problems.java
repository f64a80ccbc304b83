package io.jcompose.model.validate;

import io.jcompose.model.source.KeyPath;
import io.jcompose.model.source.Problem;
import io.jcompose.model.source.SchemaException;
import io.jcompose.model.source.SourceLocation;
import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a stage so the user sees all of them at once, not one per run. */
public final class Problems {

    /** Made on the first problem: a scratch collector for each alternative a schema tries usually stays empty. */
    private List<Problem> found;
    private final boolean keepVariables;

    public Problems() {
        this(false);
    }

    /** With {@code keepVariables}, values still holding {@code $} are let through (config --no-interpolate). */
    public Problems(boolean keepVariables) {
        this.keepVariables = keepVariables;
    }

    /** An empty collector with the same settings, for trying one alternative of a schema. */
    Problems scratch() {
        return new Problems(keepVariables);
    }

    boolean keepsVariables() {
        return keepVariables;
    }

    public void add(SourceLocation at, KeyPath path, String message) {
        if (found == null) {
            found = new ArrayList<>();
        }
        found.add(Problem.at(at, path, message));
    }

    public boolean isEmpty() {
        return found == null;
    }

    public List<Problem> list() {
        return found == null ? List.of() : List.copyOf(found);
    }

    /** Throws a {@link SchemaException} carrying everything collected, if anything was. */
    public void throwIfAny() {
        if (found != null) {
            throw new SchemaException(found);
        }
    }
}

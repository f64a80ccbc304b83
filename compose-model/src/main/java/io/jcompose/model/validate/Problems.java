package io.jcompose.model.validate;

import io.jcompose.model.source.KeyPath;
import io.jcompose.model.source.Problem;
import io.jcompose.model.source.SchemaException;
import io.jcompose.model.source.SourceLocation;
import java.util.ArrayList;
import java.util.List;

/** Collects every problem of a stage so the user sees all of them at once, not one per run. */
public final class Problems {

    private final List<Problem> found = new ArrayList<>();
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
        found.add(Problem.at(at, path, message));
    }

    public boolean isEmpty() {
        return found.isEmpty();
    }

    public List<Problem> list() {
        return List.copyOf(found);
    }

    /** Throws a {@link SchemaException} carrying everything collected, if anything was. */
    public void throwIfAny() {
        if (!found.isEmpty()) {
            throw new SchemaException(found);
        }
    }
}

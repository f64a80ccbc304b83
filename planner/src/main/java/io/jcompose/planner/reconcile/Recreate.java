package io.jcompose.planner.reconcile;

/** When an existing container is replaced: when it diverged from the model (default), always, or never. */
public enum Recreate {
    DIVERGED, FORCE, NEVER
}

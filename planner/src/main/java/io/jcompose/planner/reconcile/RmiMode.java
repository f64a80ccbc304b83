package io.jcompose.planner.reconcile;

/** Which images {@code down --rmi} removes: none, those built for the project, or every image it uses. */
public enum RmiMode {
    NONE, LOCAL, ALL
}

package io.jcompose.planner.plan;

/** Why the planner chose an operation; {@link #text()} is what plans and progress output show. */
public enum Cause {
    MISSING("missing"),
    CONFIG_HASH_CHANGED("config-hash changed"),
    IMAGE_CHANGED("image changed"),
    NETWORK_CHANGED("network changed"),
    VOLUME_CHANGED("volume changed"),
    DEPENDENCY_RECREATED("dependency recreated"),
    FORCED("forced"),
    REPLACED("replaced"),
    NOT_RUNNING("not running"),
    DEPENDENCY("dependency"),
    SCALE_DOWN("scale down"),
    ORPHAN("orphan"),
    PULL_POLICY("pull policy"),
    BUILD_REQUESTED("build requested"),
    ONE_OFF("one-off"),
    REQUESTED("requested");

    private final String text;

    Cause(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }
}

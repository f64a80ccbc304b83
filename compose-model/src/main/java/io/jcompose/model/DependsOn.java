package io.jcompose.model;

/** A dependency on another service: what to wait for, whether it must exist, whether to restart with it. */
public record DependsOn(Condition condition, boolean restart, boolean required) {

    /** What "ready" means for the service depended on. */
    public enum Condition {
        SERVICE_STARTED, SERVICE_HEALTHY, SERVICE_COMPLETED_SUCCESSFULLY;

        public static Condition parse(String text) {
            return valueOf(text.toUpperCase(java.util.Locale.ROOT));
        }

        public String text() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    static DependsOn from(Attributes a) {
        return new DependsOn(Condition.parse(a.string("condition").orElse("service_started")), a.bool("restart"),
                !a.has("required") || a.bool("required"));
    }
}

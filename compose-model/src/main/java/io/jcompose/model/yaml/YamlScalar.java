package io.jcompose.model.yaml;

import io.jcompose.model.source.SourceLocation;

/**
 * A scalar: its resolved value (String, Long, Double, Boolean, or null for YAML null) and whether it was quoted.
 */
public record YamlScalar(Object value, boolean quoted, SourceLocation location, String tag) implements YamlNode {

    public YamlScalar {
        if (value != null && !(value instanceof String || value instanceof Long || value instanceof Double
                || value instanceof Boolean)) {
            throw new IllegalArgumentException("unsupported scalar " + value.getClass());
        }
    }

    public static YamlScalar of(Object value, SourceLocation location) {
        if (value instanceof Integer i) {
            value = i.longValue();
        }
        return new YamlScalar(value, false, location, "");
    }

    public static YamlScalar string(String value, SourceLocation location) {
        return new YamlScalar(value, true, location, "");
    }

    public boolean isNull() {
        return value == null;
    }

    public boolean isString() {
        return value instanceof String;
    }

    /** The value as text, as a user wrote it for numbers and booleans, "" for null. */
    public String text() {
        if (value == null) {
            return "";
        }
        if (value instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            return d.toString();
        }
        return value.toString();
    }

    /** A copy with another value; this scalar when the value is the same (of the same type). */
    public YamlScalar withValue(Object newValue) {
        Object v = newValue instanceof Integer i ? Long.valueOf(i) : newValue;
        if (v == value || v != null && value != null && v.getClass() == value.getClass() && v.equals(value)) {
            return this;
        }
        return new YamlScalar(v, quoted, location, tag);
    }

    @Override
    public YamlScalar withTag(String newTag) {
        return newTag.equals(tag) ? this : new YamlScalar(value, quoted, location, newTag);
    }

    @Override
    public Object toPlain() {
        return value;
    }

    @Override
    public String kind() {
        if (value == null) {
            return "null";
        }
        return value instanceof String ? "string" : value instanceof Boolean ? "boolean" : "number";
    }
}

package io.jcompose.model.validate;

import io.jcompose.model.yaml.YamlScalar;
import java.util.Locale;
import java.util.regex.Pattern;

/** Converts a scalar to the type an attribute expects, or answers null when it cannot. */
final class Coercions {

    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
    private static final Pattern FILE_MODE = Pattern.compile("0?[0-7]{1,12}");
    private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?");

    private Coercions() {
    }

    static YamlScalar coerce(ScalarType.Basic type, YamlScalar scalar) {
        Object value = scalar.value();
        return switch (type) {
            case STRING -> scalar.withValue(scalar.text());
            case NULLABLE_STRING -> value == null ? scalar : scalar.withValue(scalar.text());
            case INTEGER -> integer(scalar);
            case NUMBER, DECIMAL -> number(scalar);
            case BOOLEAN -> bool(scalar);
            case DURATION -> Durations.normalize(scalar.text()).map(scalar::withValue).orElse(null);
            case BYTES -> bytes(scalar);
            case FILE_MODE -> fileMode(scalar);
            case EMPTY -> scalar;
        };
    }

    // instanceof, not switches on types, which would bootstrap a class each at run time (see YamlEmitter.value)
    private static YamlScalar integer(YamlScalar scalar) {
        Object value = scalar.value();
        if (value instanceof Long) {
            return scalar;
        }
        if (value instanceof Double d) {
            return d == Math.rint(d) && !d.isInfinite() ? scalar.withValue(d.longValue()) : null;
        }
        if (value instanceof String s && INTEGER.matcher(s.strip()).matches()) {
            return parseLong(scalar, s.strip());
        }
        return null;
    }

    private static YamlScalar parseLong(YamlScalar scalar, String text) {
        try {
            return scalar.withValue(Long.parseLong(text.startsWith("+") ? text.substring(1) : text));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static YamlScalar number(YamlScalar scalar) {
        Object value = scalar.value();
        if (value instanceof Long || value instanceof Double) {
            return scalar;
        }
        if (value instanceof String s) {
            if (INTEGER.matcher(s.strip()).matches()) {
                return parseLong(scalar, s.strip());
            }
            if (DECIMAL.matcher(s.strip()).matches()) {
                return scalar.withValue(Double.parseDouble(s));
            }
        }
        return null;
    }

    private static YamlScalar bool(YamlScalar scalar) {
        Object value = scalar.value();
        if (value instanceof Boolean) {
            return scalar;
        }
        if (value instanceof String s) {
            return switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "y", "on" -> scalar.withValue(Boolean.TRUE);
                case "false", "no", "n", "off" -> scalar.withValue(Boolean.FALSE);
                default -> null;
            };
        }
        return null;
    }

    private static YamlScalar fileMode(YamlScalar scalar) {
        Object value = scalar.value();
        if (value instanceof Long l) {
            return l >= 0 ? scalar.withValue("0" + Long.toOctalString(l)) : null;
        }
        if (value instanceof String s && FILE_MODE.matcher(s.strip()).matches()) {
            return scalar.withValue("0" + Long.toOctalString(Long.parseLong(s.strip(), 8)));
        }
        return null;
    }

    /** A byte size becomes the number of bytes as a string, the way docker compose prints it. */
    private static YamlScalar bytes(YamlScalar scalar) {
        Object value = scalar.value();
        if (value instanceof Long l) {
            return scalar.withValue(l.toString());
        }
        if (value instanceof String s) {
            return ByteSizes.parse(s).map(bytes -> scalar.withValue(bytes.toString())).orElse(null);
        }
        return null;
    }
}

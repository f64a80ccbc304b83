package io.jcompose.model.validate;

import io.jcompose.model.yaml.YamlScalar;
import java.util.Locale;
import java.util.regex.Pattern;

/** Converts a scalar to the type an attribute expects, or answers null when it cannot. */
final class Coercions {

    private static final Pattern INTEGER = Pattern.compile("[-+]?\\d+");
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

    private static YamlScalar integer(YamlScalar scalar) {
        return switch (scalar.value()) {
            case Long l -> scalar;
            case Double d when d == Math.rint(d) && !d.isInfinite() -> scalar.withValue(d.longValue());
            case String s when INTEGER.matcher(s.strip()).matches() -> parseLong(scalar, s.strip());
            case null, default -> null;
        };
    }

    private static YamlScalar parseLong(YamlScalar scalar, String text) {
        try {
            return scalar.withValue(Long.parseLong(text.startsWith("+") ? text.substring(1) : text));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static YamlScalar number(YamlScalar scalar) {
        return switch (scalar.value()) {
            case Long l -> scalar;
            case Double d -> scalar;
            case String s when INTEGER.matcher(s.strip()).matches() -> parseLong(scalar, s.strip());
            case String s when DECIMAL.matcher(s.strip()).matches() -> scalar.withValue(Double.parseDouble(s));
            case null, default -> null;
        };
    }

    private static YamlScalar bool(YamlScalar scalar) {
        return switch (scalar.value()) {
            case Boolean b -> scalar;
            case String s -> switch (s.strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "y", "on" -> scalar.withValue(Boolean.TRUE);
                case "false", "no", "n", "off" -> scalar.withValue(Boolean.FALSE);
                default -> null;
            };
            case null, default -> null;
        };
    }

    private static YamlScalar fileMode(YamlScalar scalar) {
        return switch (scalar.value()) {
            case Long l when l >= 0 -> scalar.withValue("0" + Long.toOctalString(l));
            case String s when s.strip().matches("0?[0-7]{1,12}") ->
                    scalar.withValue("0" + Long.toOctalString(Long.parseLong(s.strip(), 8)));
            case null, default -> null;
        };
    }

    /** A byte size becomes the number of bytes as a string, the way docker compose prints it. */
    private static YamlScalar bytes(YamlScalar scalar) {
        return switch (scalar.value()) {
            case Long l -> scalar.withValue(l.toString());
            case String s when ByteSizes.parse(s).isPresent() -> scalar.withValue(ByteSizes.parse(s).get().toString());
            case null, default -> null;
        };
    }
}

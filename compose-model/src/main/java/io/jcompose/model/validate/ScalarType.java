package io.jcompose.model.validate;

import io.jcompose.model.source.KeyPath;
import io.jcompose.model.yaml.YamlNode;
import io.jcompose.model.yaml.YamlScalar;
import java.util.List;
import java.util.Locale;

/** The kinds of scalar a compose attribute takes, each with its check and coercion. */
public sealed interface ScalarType permits ScalarType.Basic, ScalarType.Choice {

    YamlNode check(YamlNode node, KeyPath path, Problems problems);

    String expected();

    default boolean acceptsKind(YamlNode node) {
        return node instanceof YamlScalar s && !s.isNull();
    }

    /** Scalars without a fixed set of values. */
    enum Basic implements ScalarType {
        /** A string; numbers and booleans are taken as their text, as docker compose does for most strings. */
        STRING("a string"),
        /** A string that may also be null (environment values, labels). */
        NULLABLE_STRING("a string or null"),
        INTEGER("an integer"),
        NUMBER("a number"),
        BOOLEAN("a boolean"),
        /** A Go-style duration such as {@code 1m30s} or {@code 500ms}. */
        DURATION("a duration like 1m30s"),
        /** A byte size such as {@code 512m} or a plain integer. */
        BYTES("a byte size like 512m"),
        /** A number of CPUs or a share: number or numeric string. */
        DECIMAL("a number"),
        /** A file mode, octal: {@code 0440} or {@code "440"}; printed as compose does, {@code "0440"}. */
        FILE_MODE("an octal file mode like 0440"),
        /** Only YAML null: an empty entry such as {@code networks: {front: }}. */
        EMPTY("empty");

        private final String expected;

        Basic(String expected) {
            this.expected = expected;
        }

        @Override
        public String expected() {
            return expected;
        }

        @Override
        public boolean acceptsKind(YamlNode node) {
            return node instanceof YamlScalar s
                    && (this == EMPTY ? s.isNull() : !s.isNull() || this == NULLABLE_STRING);
        }

        @Override
        public YamlNode check(YamlNode node, KeyPath path, Problems problems) {
            if (!acceptsKind(node)) {
                problems.add(node.location(), path, "must be " + expected + ", found " + node.kind());
                return node;
            }
            YamlScalar scalar = (YamlScalar) node;
            YamlScalar coerced = Coercions.coerce(this, scalar);
            if (coerced == null && problems.keepsVariables() && scalar.text().indexOf('$') >= 0) {
                return scalar;
            }
            if (coerced == null) {
                problems.add(node.location(), path,
                        "invalid value \"" + scalar.text() + "\" (expected " + expected + ")");
                return node;
            }
            return coerced;
        }
    }

    /** One of a fixed set of strings, such as {@code restart: unless-stopped}. */
    record Choice(List<String> values) implements ScalarType {
        public Choice {
            values = List.copyOf(values);
        }

        @Override
        public String expected() {
            return "one of " + String.join(", ", values);
        }

        @Override
        public YamlNode check(YamlNode node, KeyPath path, Problems problems) {
            if (!(node instanceof YamlScalar scalar) || scalar.isNull()) {
                problems.add(node.location(), path, "must be " + expected() + ", found " + node.kind());
                return node;
            }
            String text = scalar.text();
            if (!values.contains(text) && !values.contains(text.toLowerCase(Locale.ROOT))) {
                problems.add(node.location(), path, "invalid value \"" + text + "\" (expected " + expected() + ")");
                return node;
            }
            return scalar.withValue(text);
        }
    }
}

package io.jcompose.model.validate;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Short constructors so that {@link ComposeSchema} reads like the specification it encodes. */
final class SchemaDsl {

    static final Schema STR = new Schema.Scalar(ScalarType.Basic.STRING);
    static final Schema NULLABLE_STR = new Schema.Scalar(ScalarType.Basic.NULLABLE_STRING);
    static final Schema INT = new Schema.Scalar(ScalarType.Basic.INTEGER);
    static final Schema NUM = new Schema.Scalar(ScalarType.Basic.NUMBER);
    static final Schema BOOL = new Schema.Scalar(ScalarType.Basic.BOOLEAN);
    static final Schema DURATION = new Schema.Scalar(ScalarType.Basic.DURATION);
    static final Schema BYTES = new Schema.Scalar(ScalarType.Basic.BYTES);
    static final Schema FILE_MODE = new Schema.Scalar(ScalarType.Basic.FILE_MODE);
    static final Schema EMPTY = new Schema.Scalar(ScalarType.Basic.EMPTY);
    static final Schema ANY = new Schema.Any();
    static final Schema STR_LIST = list(STR);
    static final Schema UNIQUE_STR_LIST = new Schema.ListOf(STR, true);
    static final Schema STR_OR_LIST = oneOf(STR, STR_LIST);
    /** {@code KEY=value} strings or a mapping of strings, numbers, booleans or null (environment, labels). */
    static final Schema LIST_OR_DICT = oneOf(new Schema.ListOf(STR, false), new Schema.MapOf(NULLABLE_STR, null, null));
    static final Schema STR_MAP = new Schema.MapOf(STR, null, null);

    private SchemaDsl() {
    }

    static Schema list(Schema item) {
        return new Schema.ListOf(item, false);
    }

    static Schema mapOf(Schema value) {
        return new Schema.MapOf(value, null, null);
    }

    static Schema namedMap(Schema value, String keyPattern, String keyHint) {
        return new Schema.MapOf(value, keyPattern, keyHint);
    }

    static Schema oneOf(Schema... options) {
        return new Schema.OneOf(List.of(options));
    }

    static Schema choice(String... values) {
        return new Schema.Scalar(new ScalarType.Choice(List.of(values)));
    }

    /** An object with {@code x-} extensions allowed; arguments alternate key, schema. */
    static Schema.Obj obj(Object... keysAndSchemas) {
        Map<String, Schema> fields = new LinkedHashMap<>();
        for (int i = 0; i < keysAndSchemas.length; i += 2) {
            fields.put((String) keysAndSchemas[i], (Schema) keysAndSchemas[i + 1]);
        }
        return new Schema.Obj(fields, true);
    }

    /** Extends an object schema with more fields. */
    static Schema.Obj with(Schema.Obj base, Object... keysAndSchemas) {
        Map<String, Schema> fields = new LinkedHashMap<>(base.fields());
        fields.putAll(obj(keysAndSchemas).fields());
        return new Schema.Obj(fields, base.extensions(), base.required());
    }
}

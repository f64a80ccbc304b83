package io.jcompose.model.validate;

import io.jcompose.model.source.KeyPath;
import io.jcompose.model.yaml.YamlNode;

/**
 * The expected shape of one compose value. {@link #check} validates a node, collecting problems, and returns it
 * coerced to the expected type (an interpolated {@code "8080"} becomes the number 8080 where a number is expected).
 */
public sealed interface Schema
        permits Schema.Scalar, Schema.ListOf, Schema.MapOf, Schema.Obj, Schema.OneOf, Schema.Any {

    YamlNode check(YamlNode node, KeyPath path, Problems problems);

    /** The words used in "(expected ...)" messages. */
    String expected();

    /** True when this schema could accept a node of the node's kind (used to pick a branch of a {@link OneOf}). */
    boolean acceptsKind(YamlNode node);

    /** A scalar with a check on its value. */
    record Scalar(ScalarType type) implements Schema {
        @Override
        public YamlNode check(YamlNode node, KeyPath path, Problems problems) {
            return type.check(node, path, problems);
        }

        @Override
        public String expected() {
            return type.expected();
        }

        @Override
        public boolean acceptsKind(YamlNode node) {
            return type.acceptsKind(node);
        }
    }

    /** A sequence whose items all follow one schema; {@code unique} rejects repeated scalar items. */
    record ListOf(Schema item, boolean unique) implements Schema {
        @Override
        public YamlNode check(YamlNode node, KeyPath path, Problems problems) {
            return Checks.list(this, node, path, problems);
        }

        @Override
        public String expected() {
            return "a list";
        }

        @Override
        public boolean acceptsKind(YamlNode node) {
            return node instanceof io.jcompose.model.yaml.YamlList;
        }
    }

    /** A mapping with free keys (optionally matching a pattern) whose values follow one schema. */
    record MapOf(Schema value, String keyPattern, String keyHint) implements Schema {
        @Override
        public YamlNode check(YamlNode node, KeyPath path, Problems problems) {
            return Checks.mapOf(this, node, path, problems);
        }

        @Override
        public String expected() {
            return "a mapping";
        }

        @Override
        public boolean acceptsKind(YamlNode node) {
            return node instanceof io.jcompose.model.yaml.YamlMap;
        }
    }

    /** A mapping with known keys; {@code x-} keys are allowed where {@code extensions} is true. */
    record Obj(java.util.Map<String, Schema> fields, boolean extensions, java.util.List<String> required)
            implements Schema {
        public Obj {
            fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
            required = java.util.List.copyOf(required);
        }

        public Obj(java.util.Map<String, Schema> fields, boolean extensions) {
            this(fields, extensions, java.util.List.of());
        }

        /** The same object with keys that must be present. */
        public Obj requiring(String... keys) {
            return new Obj(fields, extensions, java.util.List.of(keys));
        }

        @Override
        public YamlNode check(YamlNode node, KeyPath path, Problems problems) {
            return Checks.object(this, node, path, problems);
        }

        @Override
        public String expected() {
            return "a mapping";
        }

        @Override
        public boolean acceptsKind(YamlNode node) {
            return node instanceof io.jcompose.model.yaml.YamlMap;
        }
    }

    /** One of several shapes, picked by the kind of node (string, list, mapping). */
    record OneOf(java.util.List<Schema> options) implements Schema {
        public OneOf {
            options = java.util.List.copyOf(options);
        }

        @Override
        public YamlNode check(YamlNode node, KeyPath path, Problems problems) {
            return Checks.oneOf(this, node, path, problems);
        }

        @Override
        public String expected() {
            return String.join(" or ", options.stream().map(Schema::expected).distinct().toList());
        }

        @Override
        public boolean acceptsKind(YamlNode node) {
            return options.stream().anyMatch(o -> o.acceptsKind(node));
        }
    }

    /** Anything (extension values, driver options passed through untouched). */
    record Any() implements Schema {
        @Override
        public YamlNode check(YamlNode node, KeyPath path, Problems problems) {
            return node;
        }

        @Override
        public String expected() {
            return "any value";
        }

        @Override
        public boolean acceptsKind(YamlNode node) {
            return true;
        }
    }
}

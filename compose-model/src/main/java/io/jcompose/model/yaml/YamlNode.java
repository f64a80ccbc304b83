package io.jcompose.model.yaml;

import io.jcompose.model.source.SourceLocation;

/**
 * A compose document as a tree whose every node remembers where it was written, so that every later stage
 * (interpolation, merge, validation, normalisation) can still point the user at {@code file:line:col}.
 */
public sealed interface YamlNode permits YamlMap, YamlList, YamlScalar {

    /** YAML tag that changes how files merge. */
    String RESET = "!reset";
    /** YAML tag that changes how files merge. */
    String OVERRIDE = "!override";

    SourceLocation location();

    /** The explicit local tag ({@code !reset}, {@code !override}) or the empty string. */
    String tag();

    YamlNode withTag(String tag);

    /** The node as plain Java values: LinkedHashMap, List, String, Long, Double, Boolean or null. */
    Object toPlain();

    /** A short word for messages: mapping, sequence, string, number, boolean, null. */
    String kind();
}

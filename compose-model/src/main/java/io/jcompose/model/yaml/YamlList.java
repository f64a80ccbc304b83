package io.jcompose.model.yaml;

import io.jcompose.model.source.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/** A sequence node. */
public record YamlList(List<YamlNode> items, SourceLocation location, String tag) implements YamlNode {

    public YamlList {
        items = List.copyOf(items);
    }

    public static YamlList of(List<YamlNode> items, SourceLocation location) {
        return new YamlList(items, location, "");
    }

    public YamlList withItems(List<YamlNode> newItems) {
        return new YamlList(newItems, location, tag);
    }

    /**
     * A copy whose items are replaced by {@code fn(index, item)}; this list itself when every item comes back as it
     * was (see {@link YamlMap#mapValues}).
     */
    public YamlList mapItems(BiFunction<Integer, YamlNode, YamlNode> fn) {
        List<YamlNode> next = null;
        for (int i = 0; i < items.size(); i++) {
            YamlNode item = items.get(i);
            YamlNode mapped = fn.apply(i, item);
            if (next == null && mapped != item) {
                next = new ArrayList<>(items.size());
                next.addAll(items.subList(0, i));
            }
            if (next != null) {
                next.add(mapped);
            }
        }
        return next == null ? this : new YamlList(next, location, tag);
    }

    @Override
    public YamlList withTag(String newTag) {
        return newTag.equals(tag) ? this : new YamlList(items, location, newTag);
    }

    public int size() {
        return items.size();
    }

    @Override
    public Object toPlain() {
        List<Object> out = new ArrayList<>(items.size());
        for (YamlNode item : items) {
            out.add(item.toPlain());
        }
        return out;
    }

    @Override
    public String kind() {
        return "sequence";
    }
}

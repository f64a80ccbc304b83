package io.jcompose.model.yaml;

import io.jcompose.model.source.SourceLocation;
import java.util.ArrayList;
import java.util.List;

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

    @Override
    public YamlList withTag(String newTag) {
        return new YamlList(items, location, newTag);
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

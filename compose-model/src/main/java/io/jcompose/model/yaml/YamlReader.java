package io.jcompose.model.yaml;

import io.jcompose.model.source.KeyPath;
import io.jcompose.model.source.Problem;
import io.jcompose.model.source.SourceLocation;
import io.jcompose.model.source.YamlSyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads YAML 1.2 text into {@link YamlNode}s with positions. Duplicate keys are errors, merge keys ({@code <<})
 * are expanded, aliases are followed (recursive ones rejected), and only the {@code !reset}/{@code !override}
 * local tags are accepted.
 */
public final class YamlReader {

    private static final String MERGE_KEY = "<<";
    /** Aliases can multiply a small text into an enormous tree ("billion laughs"); real files stay far below. */
    static final int MAX_NODES = 500_000;

    private final String fileName;
    private final Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
    private int nodes;

    private YamlReader(String fileName) {
        this.fileName = fileName;
    }

    /** Parses every document of {@code text}; {@code fileName} is what error messages show. */
    public static List<YamlNode> readAll(String text, String fileName) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(fileName)
                .setSchema(new CoreSchema())
                .setMaxAliasesForCollections(1000)
                .setCodePointLimit(64 * 1024 * 1024)
                .build();
        YamlReader reader = new YamlReader(fileName);
        List<YamlNode> documents = new ArrayList<>();
        try {
            for (Node node : new Compose(settings).composeAllFromString(text)) {
                documents.add(reader.convert(node, KeyPath.ROOT));
            }
        } catch (MarkedYamlEngineException e) {
            SourceLocation at = e.getProblemMark().or(e::getContextMark)
                    .map(reader::location).orElse(SourceLocation.ofFile(fileName));
            throw syntax(at, KeyPath.ROOT, "invalid YAML: " + describe(e, reader));
        } catch (YamlEngineException e) {
            throw syntax(SourceLocation.ofFile(fileName), KeyPath.ROOT, "invalid YAML: " + clean(e.getMessage()));
        }
        return documents;
    }

    /** Parses a single document; an empty text gives an empty mapping. */
    public static YamlNode read(String text, String fileName) {
        List<YamlNode> docs = readAll(text, fileName);
        if (docs.isEmpty()) {
            return YamlMap.empty(SourceLocation.ofFile(fileName));
        }
        return docs.getFirst();
    }

    /** The parser's problem, with what it was reading and where that began when it says so. */
    private static String describe(MarkedYamlEngineException e, YamlReader reader) {
        String problem = e.getProblem() != null ? e.getProblem() : e.getContext();
        if (problem != null && problem.contains("(TAB)")) {
            return "found a tab where YAML expects spaces (indent with spaces, not tabs)";
        }
        String text = clean(problem);
        if (e.getProblem() != null && e.getContext() != null) {
            text += " " + clean(e.getContext());
            SourceLocation started = e.getContextMark().map(reader::location).orElse(null);
            if (started != null && started.hasPosition()) {
                text += " (started at line " + started.line() + ")";
            }
        }
        return text;
    }

    private static String clean(String message) {
        if (message == null) {
            return "unreadable document";
        }
        String oneLine = message.strip().replaceAll("\\s+", " ");
        return oneLine.endsWith(".") ? oneLine.substring(0, oneLine.length() - 1) : oneLine;
    }

    private static YamlSyntaxException syntax(SourceLocation at, KeyPath path, String message) {
        return new YamlSyntaxException(Problem.at(at, path, message));
    }

    private SourceLocation location(Mark mark) {
        return SourceLocation.of(fileName, mark.getLine() + 1, mark.getColumn() + 1);
    }

    private SourceLocation location(Node node) {
        return node.getStartMark().map(this::location).orElse(SourceLocation.ofFile(fileName));
    }

    private YamlNode convert(Node node, KeyPath path) {
        if (++nodes > MAX_NODES) {
            throw syntax(location(node), path, "document too large: more than " + MAX_NODES
                    + " values once aliases are expanded (expected fewer or less nested aliases)");
        }
        if (!inProgress.add(node)) {
            throw syntax(location(node), path, "recursive alias: an anchor refers to itself");
        }
        try {
            String tag = localTag(node, path);
            if (node instanceof ScalarNode scalar) {
                return scalar(scalar, tag);
            }
            if (node instanceof SequenceNode seq) {
                return sequence(seq, path, tag);
            }
            if (node instanceof MappingNode map) {
                return mapping(map, path, tag);
            }
            throw syntax(location(node), path, "unsupported YAML node");
        } finally {
            inProgress.remove(node);
        }
    }

    private String localTag(Node node, KeyPath path) {
        String value = node.getTag().getValue();
        if (node.getTag().equals(Tag.ENV_TAG)) {
            // SnakeYAML's own tag for a plain ${VAR}: to compose that is just a string to interpolate
            return "";
        }
        if (value.equals(YamlNode.RESET) || value.equals(YamlNode.OVERRIDE)) {
            return value;
        }
        if (value.startsWith("!") && !value.startsWith("!!")) {
            throw syntax(location(node), path,
                    "unknown YAML tag " + value + " (expected !reset or !override)");
        }
        return "";
    }

    private YamlNode scalar(ScalarNode node, String localTag) {
        SourceLocation at = location(node);
        Tag tag = node.getTag();
        String text = node.getValue();
        if (!node.isPlain() && !localTag.isEmpty()) {
            return new YamlScalar(text, true, at, localTag);
        }
        if (tag.equals(Tag.ENV_TAG)) {
            tag = Tag.STR;
        } else if (!localTag.isEmpty() || tag.getValue().startsWith("!")) {
            // a local tag hides the implicit type: resolve it as the plain scalar it is
            tag = node.isPlain() ? new CoreSchema().getScalarResolver().resolve(text, true) : Tag.STR;
        }
        Object value = ScalarValues.resolve(tag, text);
        return new YamlScalar(value, !node.isPlain(), at, localTag);
    }

    private YamlNode sequence(SequenceNode node, KeyPath path, String tag) {
        List<YamlNode> items = new ArrayList<>(node.getValue().size());
        int i = 0;
        for (Node item : node.getValue()) {
            items.add(convert(item, path.index(i++)));
        }
        return new YamlList(items, location(node), tag);
    }

    private YamlNode mapping(MappingNode node, KeyPath path, String tag) {
        Map<String, YamlNode> entries = new LinkedHashMap<>();
        Map<String, SourceLocation> keys = new LinkedHashMap<>();
        List<YamlMap> merged = new ArrayList<>();
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (!(keyNode instanceof ScalarNode keyScalar)) {
                throw syntax(location(keyNode), path, "mapping keys must be scalars");
            }
            String key = keyScalar.getValue();
            if (keyScalar.isPlain() && key.equals(MERGE_KEY)) {
                merged.addAll(mergeSources(tuple.getValueNode(), path));
                continue;
            }
            if (entries.containsKey(key)) {
                SourceLocation first = keys.get(key);
                throw syntax(location(keyNode), path,
                        "duplicate key \"" + key + "\" (first defined at line " + first.line() + ")");
            }
            keys.put(key, location(keyNode));
            entries.put(key, convert(tuple.getValueNode(), path.child(key)));
        }
        // explicit keys win over merged ones; earlier merge sources win over later ones
        for (YamlMap source : merged) {
            for (Map.Entry<String, YamlNode> e : source.entries().entrySet()) {
                if (!entries.containsKey(e.getKey())) {
                    entries.put(e.getKey(), e.getValue());
                    keys.put(e.getKey(), source.keyLocation(e.getKey()));
                }
            }
        }
        return new YamlMap(entries, keys, location(node), tag);
    }

    private List<YamlMap> mergeSources(Node value, KeyPath path) {
        YamlNode converted = convert(value, path);
        List<YamlMap> sources = new ArrayList<>();
        if (converted instanceof YamlMap map) {
            sources.add(map);
        } else if (converted instanceof YamlList list) {
            for (YamlNode item : list.items()) {
                if (!(item instanceof YamlMap map)) {
                    throw syntax(item.location(), path, "merge key << takes a mapping or a list of mappings");
                }
                sources.add(map);
            }
        } else {
            throw syntax(converted.location(), path, "merge key << takes a mapping or a list of mappings");
        }
        return sources;
    }
}

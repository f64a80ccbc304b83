package io.jcompose.model.yaml;

import io.jcompose.model.source.KeyPath;
import io.jcompose.model.source.Problem;
import io.jcompose.model.source.SourceLocation;
import io.jcompose.model.source.YamlSyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.MappingStartEvent;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.events.SequenceStartEvent;
import org.snakeyaml.engine.v2.exceptions.ComposerException;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Reads YAML 1.2 text into {@link YamlNode}s with positions. Duplicate keys are errors, merge keys ({@code <<})
 * are expanded, aliases are followed (recursive ones rejected), and only the {@code !reset}/{@code !override}
 * local tags are accepted.
 *
 * <p>Most files are built straight from the parser's events. SnakeYAML's composer, which first builds a node graph
 * of its own, took a third of the reading time and memory of a big file; it is still used for a file with merge
 * keys, whose flattening rules are its own.
 */
public final class YamlReader {

    private static final String MERGE_KEY = "<<";
    /** Aliases can multiply a small text into an enormous tree ("billion laughs"); real files stay far below. */
    static final int MAX_NODES = 500_000;
    private static final int MAX_ALIASES_FOR_COLLECTIONS = 1000;

    private final String fileName;
    private final Set<Node> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
    private int nodes;
    private boolean mergeTags;

    private YamlReader(String fileName) {
        this.fileName = fileName;
    }

    /** The documents of a text, and whether any of their nodes is tagged {@code !reset} or {@code !override}. */
    public record Documents(List<YamlNode> documents, boolean mergeTags) {
    }

    /** Parses every document of {@code text}; {@code fileName} is what error messages show. */
    public static List<YamlNode> readAll(String text, String fileName) {
        return readDocuments(text, fileName).documents();
    }

    /**
     * As {@link #readAll}, telling also whether the documents use the merge tags: when none does, merging has no
     * tags to strip, a walk over the whole tree the loader then skips.
     */
    public static Documents readDocuments(String text, String fileName) {
        LoadSettings settings = LoadSettings.builder()
                .setLabel(fileName)
                .setSchema(new CoreSchema())
                .setMaxAliasesForCollections(MAX_ALIASES_FOR_COLLECTIONS)
                .setCodePointLimit(64 * 1024 * 1024)
                .build();
        YamlReader reader = new YamlReader(fileName);
        try {
            try {
                List<YamlNode> documents = new EventBuilder(reader, settings.getSchema().getScalarResolver())
                        .documents(new ParserImpl(settings, new StreamReader(settings, text)));
                return new Documents(documents, reader.mergeTags);
            } catch (NeedsComposer e) {
                // read again below: SnakeYAML flattens merge keys by rules of its own
            }
            YamlReader again = new YamlReader(fileName);
            List<YamlNode> documents = new ArrayList<>();
            for (Node node : new Compose(settings).composeAllFromString(text)) {
                documents.add(again.convert(node, KeyPath.ROOT));
            }
            return new Documents(documents, again.mergeTags);
        } catch (MarkedYamlEngineException e) {
            SourceLocation at = e.getProblemMark().or(e::getContextMark)
                    .map(reader::location).orElse(SourceLocation.ofFile(fileName));
            throw syntax(at, KeyPath.ROOT, "invalid YAML: " + describe(e, reader));
        } catch (YamlEngineException e) {
            throw syntax(SourceLocation.ofFile(fileName), KeyPath.ROOT, "invalid YAML: " + clean(e.getMessage()));
        }
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
        String tag = localTag(node.getTag(), path, location(node));
        mergeTags |= !tag.isEmpty();
        return tag;
    }

    private static String localTag(Tag tag, KeyPath path, SourceLocation at) {
        String value = tag.getValue();
        if (tag.equals(Tag.ENV_TAG)) {
            // SnakeYAML's own tag for a plain ${VAR}: to compose that is just a string to interpolate
            return "";
        }
        if (value.equals(YamlNode.RESET) || value.equals(YamlNode.OVERRIDE)) {
            return value;
        }
        if (value.startsWith("!") && !value.startsWith("!!")) {
            throw syntax(at, path, "unknown YAML tag " + value + " (expected !reset or !override)");
        }
        return "";
    }

    private YamlNode scalar(ScalarNode node, String localTag) {
        return scalar(node.getTag(), node.isPlain(), node.getValue(), location(node), localTag);
    }

    private static YamlNode scalar(Tag tag, boolean plain, String text, SourceLocation at, String localTag) {
        if (!plain && !localTag.isEmpty()) {
            return new YamlScalar(text, true, at, localTag);
        }
        if (tag.equals(Tag.ENV_TAG)) {
            tag = Tag.STR;
        } else if (!localTag.isEmpty() || tag.getValue().startsWith("!")) {
            // a local tag hides the implicit type: resolve it as the plain scalar it is
            tag = plain ? new CoreSchema().getScalarResolver().resolve(text, true) : Tag.STR;
        }
        Object value = ScalarValues.resolve(tag, text);
        return new YamlScalar(value, !plain, at, localTag);
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

    /**
     * A merge key, or a key that is not a plain scalar (an anchored one, a mapping): the file goes to SnakeYAML's
     * composer instead. Not an error, so no stack trace.
     */
    private static final class NeedsComposer extends RuntimeException {
        NeedsComposer() {
            super(null, null, false, false);
        }
    }

    /**
     * Builds the documents from parser events, as SnakeYAML's composer and {@link #convert} would together: the
     * same tags, values, locations, alias limits and messages. The problems found here (a duplicate key, an unknown
     * tag, a recursive alias) are held until the end of their document, because the composer would first read the
     * whole document and so report a syntax error further down before them.
     */
    private static final class EventBuilder {

        /**
         * A node an anchor names: null while its own content is being read (an alias to it then recurses); for a
         * scalar, its text as written and whether it is a merge key.
         */
        private record Anchored(YamlNode node, SourceLocation at, String text, boolean merge, int size) {
        }

        private final YamlReader reader;
        private final ScalarResolver resolver;
        private final Map<Anchor, Anchored> anchors = new HashMap<>();
        private int aliasesToCollections;
        private YamlSyntaxException held;

        EventBuilder(YamlReader reader, ScalarResolver resolver) {
            this.reader = reader;
            this.resolver = resolver;
        }

        List<YamlNode> documents(Parser parser) {
            List<YamlNode> documents = new ArrayList<>();
            if (parser.checkEvent(Event.ID.StreamStart)) {
                parser.next();
            }
            while (!parser.checkEvent(Event.ID.StreamEnd)) {
                parser.next(); // document start
                YamlNode root = node(parser, KeyPath.ROOT);
                parser.next(); // document end
                anchors.clear();
                if (held != null) {
                    throw held;
                }
                documents.add(root);
            }
            return documents;
        }

        private SourceLocation location(Event event) {
            return event.getStartMark().map(reader::location).orElse(SourceLocation.ofFile(reader.fileName));
        }

        private void hold(YamlSyntaxException problem) {
            if (held == null) {
                held = problem;
            }
        }

        /** Counts a node as {@link #convert} does; past the limit, the problem is held. */
        private void count(int size, SourceLocation at, KeyPath path) {
            reader.nodes += size;
            if (reader.nodes > MAX_NODES) {
                hold(syntax(at, path, "document too large: more than " + MAX_NODES
                        + " values once aliases are expanded (expected fewer or less nested aliases)"));
            }
        }

        private String localTag(Tag tag, KeyPath path, SourceLocation at) {
            try {
                String local = YamlReader.localTag(tag, path, at);
                reader.mergeTags |= !local.isEmpty();
                return local;
            } catch (YamlSyntaxException e) {
                hold(e);
                return "";
            }
        }

        private YamlNode node(Parser parser, KeyPath path) {
            Event event = parser.next();
            if (event instanceof AliasEvent alias) {
                return alias(alias, path).node();
            }
            int before = reader.nodes;
            SourceLocation at = location(event);
            count(1, at, path);
            Optional<Anchor> anchor = ((NodeEvent) event).getAnchor();
            YamlNode node;
            String text = null;
            boolean merge = false;
            if (event instanceof ScalarEvent scalar) {
                Tag tag = scalarTag(scalar);
                text = scalar.getValue();
                merge = tag.equals(Tag.MERGE);
                node = YamlReader.scalar(tag, scalar.isPlain(), text, at, localTag(tag, path, at));
            } else {
                // a collection's anchor counts from its start: an alias inside it is a recursive one
                anchor.ifPresent(a -> anchors.put(a, new Anchored(null, at, null, false, 0)));
                node = event instanceof SequenceStartEvent sequence ? sequence(parser, sequence, path, at)
                        : mapping(parser, (MappingStartEvent) event, path, at);
            }
            if (anchor.isPresent()) {
                anchors.put(anchor.get(), new Anchored(node, at, text, merge, reader.nodes - before));
            }
            return node;
        }

        private Anchored alias(AliasEvent alias, KeyPath path) {
            Anchored target = anchors.get(alias.getAlias());
            // the composer's own exceptions, so that readAll reports them in the same words
            if (target == null) {
                throw new ComposerException("found undefined alias " + alias.getAlias(), alias.getStartMark());
            }
            if (!(target.node() instanceof YamlScalar) && ++aliasesToCollections > MAX_ALIASES_FOR_COLLECTIONS) {
                throw new YamlEngineException("Number of aliases for non-scalar nodes exceeds the specified max="
                        + MAX_ALIASES_FOR_COLLECTIONS);
            }
            if (target.node() == null) {
                count(1, target.at(), path);
                hold(syntax(target.at(), path, "recursive alias: an anchor refers to itself"));
                return new Anchored(YamlScalar.of(null, target.at()), target.at(), "", false, 1);
            }
            // the node is immutable: sharing it is as good as the copy a composer would make
            count(target.size(), target.at(), path);
            return target;
        }

        private Tag scalarTag(ScalarEvent scalar) {
            Optional<String> tag = scalar.getTag();
            return tag.isEmpty() || tag.get().equals("!")
                    ? resolver.resolve(scalar.getValue(), scalar.getImplicit().canOmitTagInPlainScalar())
                    : new Tag(tag.get());
        }

        /**
         * What {@code scalarTag(key).equals(Tag.MERGE)} says, without resolving every key: only the text {@code <<}
         * resolves to a merge key implicitly (the core schema's merge pattern), any key can by explicit tag.
         */
        private static boolean isMergeKey(ScalarEvent key) {
            Optional<String> tag = key.getTag();
            if (tag.isPresent() && !tag.get().equals("!")) {
                return new Tag(tag.get()).equals(Tag.MERGE);
            }
            return key.getImplicit().canOmitTagInPlainScalar() && key.getValue().equals(MERGE_KEY);
        }

        private static Tag collectionTag(Optional<String> tag, Tag implicit) {
            return tag.isEmpty() || tag.get().equals("!") ? implicit : new Tag(tag.get());
        }

        private YamlNode sequence(Parser parser, SequenceStartEvent start, KeyPath path, SourceLocation at) {
            String tag = localTag(collectionTag(start.getTag(), Tag.SEQ), path, at);
            List<YamlNode> items = new ArrayList<>();
            while (!parser.checkEvent(Event.ID.SequenceEnd)) {
                items.add(node(parser, path.index(items.size())));
            }
            parser.next();
            return new YamlList(items, at, tag);
        }

        private YamlNode mapping(Parser parser, MappingStartEvent start, KeyPath path, SourceLocation at) {
            String tag = localTag(collectionTag(start.getTag(), Tag.MAP), path, at);
            YamlMap.Builder entries = YamlMap.builder(at);
            Map<String, SourceLocation> keys = new LinkedHashMap<>();
            while (!parser.checkEvent(Event.ID.MappingEnd)) {
                // keys are taken as written, never converted (nor counted, nor their tags checked)
                Event keyEvent = parser.next();
                SourceLocation keyAt;
                String key;
                if (keyEvent instanceof ScalarEvent scalar && scalar.getAnchor().isEmpty()) {
                    if (isMergeKey(scalar)) {
                        throw new NeedsComposer();
                    }
                    key = scalar.getValue();
                    keyAt = location(keyEvent);
                } else if (keyEvent instanceof AliasEvent alias && anchors.get(alias.getAlias()) instanceof Anchored
                        target && target.node() instanceof YamlScalar && !target.merge()) {
                    key = target.text();
                    keyAt = target.at();
                } else {
                    throw new NeedsComposer();
                }
                SourceLocation first = keys.putIfAbsent(key, keyAt);
                if (first != null) {
                    hold(syntax(keyAt, path, "duplicate key \"" + key + "\" (first defined at line " + first.line()
                            + ")"));
                    node(parser, path.child(key));
                    continue;
                }
                entries.put(key, node(parser, path.child(key)));
            }
            parser.next();
            return entries.build(Collections.unmodifiableMap(keys), tag);
        }
    }
}

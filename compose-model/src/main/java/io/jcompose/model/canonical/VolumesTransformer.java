package io.jcompose.model.canonical;

import io.jcompose.model.source.KeyPath;
import io.jcompose.model.source.Problem;
import io.jcompose.model.source.SchemaException;
import io.jcompose.model.source.SourceLocation;
import io.jcompose.model.yaml.YamlList;
import io.jcompose.model.yaml.YamlMap;
import io.jcompose.model.yaml.YamlNode;
import io.jcompose.model.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Service {@code volumes} short syntax ({@code [SOURCE:]TARGET[:MODE]}) to the long form: a source that looks like a
 * path ({@code /}, {@code .}, {@code ~}) is a bind mount, any other source a named volume, no source an anonymous one.
 */
final class VolumesTransformer {

    private static final Set<String> PROPAGATION = Set.of("shared", "rshared", "slave", "rslave", "private",
            "rprivate");

    private VolumesTransformer() {
    }

    static YamlNode transform(YamlNode node, KeyPath path) {
        if (!(node instanceof YamlList list)) {
            return node;
        }
        List<YamlNode> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            YamlNode item = list.items().get(i);
            // a value still holding $ was left uninterpolated on purpose (config --no-interpolate)
            out.add(item instanceof YamlScalar s && s.text().indexOf('$') < 0
                    ? parse(s.text(), s.location(), path.index(i)) : item);
        }
        return list.withItems(out);
    }

    /** Paths start with {@code /}, {@code .} or {@code ~} (or are Windows paths); anything else names a volume. */
    static boolean isPath(String source) {
        return source.startsWith("/") || source.startsWith(".") || source.startsWith("~")
                || source.startsWith("\\\\") || source.length() > 2 && isDrive(source.charAt(0), source.charAt(1));
    }

    private static boolean isDrive(char letter, char colon) {
        return Character.isLetter(letter) && colon == ':';
    }

    /**
     * Parses {@code [SOURCE:]TARGET[:OPTIONS]} as compose-go does: colons inside {@code ${...}} and after a
     * Windows drive letter do not split; unknown options are ignored; bind options on a volume (or nocopy on a
     * bind mount) are kept where compose keeps them.
     */
    static YamlMap parse(String spec, SourceLocation at, KeyPath path) {
        if (spec.isEmpty()) {
            throw invalid(spec, at, path, "empty volume, expected [SOURCE:]TARGET[:MODE]");
        }
        if (spec.length() <= 2) {
            return YamlMap.builder(at).put("type", YamlScalar.of("volume", at))
                    .put("target", YamlScalar.of(GoPaths.clean(spec), at)).build();
        }
        List<String> fields = split(spec, at, path);
        String source = fields.size() > 1 ? fields.get(0) : "";
        String target = fields.size() > 1 ? fields.get(1) : fields.get(0);
        boolean bind = isPath(source);
        YamlMap.Builder map = YamlMap.builder(at).put("type", YamlScalar.of(bind ? "bind" : "volume", at));
        if (!source.isEmpty()) {
            map.put("source", YamlScalar.of(source, at));
        }
        map.put("target", YamlScalar.of(GoPaths.clean(target), at));
        YamlMap.Builder bindOptions = null;
        YamlMap volumeOptions = null;
        boolean readOnly = false;
        for (String option : fields.size() > 2 ? fields.get(2).split(",", -1) : new String[0]) {
            switch (option) {
                case "ro" -> readOnly = true;
                case "rw" -> readOnly = false;
                case "nocopy" -> volumeOptions = YamlMap.builder(at).put("nocopy", YamlScalar.of(true, at)).build();
                case "z", "Z" -> bindOptions = orEmpty(bindOptions, at).put("selinux", YamlScalar.of(option, at));
                default -> {
                    if (PROPAGATION.contains(option)) {
                        bindOptions = orEmpty(bindOptions, at).put("propagation", YamlScalar.of(option, at));
                    }
                    // like docker compose, other options are ignored
                }
            }
        }
        if (readOnly) {
            map.put("read_only", YamlScalar.of(true, at));
        }
        if (bind) {
            bindOptions = orEmpty(bindOptions, at).put("create_host_path", YamlScalar.of(true, at));
        } else if (volumeOptions == null) {
            volumeOptions = YamlMap.empty(at);
        }
        if (bindOptions != null) {
            map.put("bind", bindOptions.build());
        }
        return volumeOptions == null ? map.build() : map.put("volume", volumeOptions).build();
    }

    private static YamlMap.Builder orEmpty(YamlMap.Builder map, SourceLocation at) {
        return map == null ? YamlMap.builder(at) : map;
    }

    /** Source, target and options (or just the target), split at the colons that separate them. */
    private static List<String> split(String spec, SourceLocation at, KeyPath path) {
        List<String> fields = new ArrayList<>();
        StringBuilder buffer = new StringBuilder();
        int nesting = 0;
        for (int i = 0; i <= spec.length(); i++) {
            boolean end = i == spec.length();
            char c = end ? 0 : spec.charAt(i);
            if (c == '$' && i + 1 < spec.length() && spec.charAt(i + 1) == '{') {
                nesting++;
                buffer.append(c);
            } else if (c == '}' && nesting > 0) {
                nesting--;
                buffer.append(c);
            } else if (c == ':' && buffer.length() == 1 && Character.isLetter(buffer.charAt(0))) {
                buffer.append(c);
            } else if ((c == ':' || end) && nesting == 0) {
                if (buffer.isEmpty()) {
                    throw invalid(spec, at, path, "empty section between colons");
                }
                if (fields.size() == 2 && !end) {
                    throw invalid(spec, at, path, "too many colons, expected [SOURCE:]TARGET[:MODE]");
                }
                fields.add(buffer.toString());
                buffer.setLength(0);
            } else {
                buffer.append(c);
            }
        }
        return fields;
    }

    private static SchemaException invalid(String spec, SourceLocation at, KeyPath path, String why) {
        return new SchemaException(Problem.at(at, path, "invalid volume \"" + spec + "\" (" + why + ")"));
    }
}

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

    static boolean isPath(String source) {
        return source.startsWith("/") || source.startsWith(".") || source.startsWith("~")
                || source.matches("[A-Za-z]:[\\\\/].*");
    }

    static YamlMap parse(String spec, SourceLocation at, KeyPath path) {
        String[] parts = spec.split(":", -1);
        String source = "";
        String target;
        String mode = "";
        switch (parts.length) {
            case 1 -> target = parts[0];
            case 2 -> {
                source = parts[0];
                target = parts[1];
            }
            case 3 -> {
                source = parts[0];
                target = parts[1];
                mode = parts[2];
            }
            default -> throw invalid(spec, at, path, "expected [SOURCE:]TARGET[:MODE]");
        }
        if (target.isEmpty() || (parts.length > 1 && source.isEmpty())) {
            throw invalid(spec, at, path, "expected [SOURCE:]TARGET[:MODE]");
        }
        boolean bind = !source.isEmpty() && isPath(source);
        String type = bind ? "bind" : "volume";
        YamlMap map = YamlMap.empty(at).with("type", YamlScalar.of(type, at));
        if (!source.isEmpty()) {
            map = map.with("source", YamlScalar.of(source, at));
        }
        map = map.with("target", YamlScalar.of(target, at));
        YamlMap options = YamlMap.empty(at);
        if (bind) {
            options = options.with("create_host_path", YamlScalar.of(true, at));
        }
        for (String flag : mode.isEmpty() ? new String[0] : mode.split(",")) {
            switch (flag) {
                case "ro" -> map = map.with("read_only", YamlScalar.of(true, at));
                case "rw" -> { }
                case "z", "Z" -> {
                    requireBind(bind, spec, at, path, flag);
                    options = options.with("selinux", YamlScalar.of(flag, at));
                }
                case "nocopy" -> {
                    if (bind) {
                        throw invalid(spec, at, path, "nocopy applies to volumes, not bind mounts");
                    }
                    options = options.with("nocopy", YamlScalar.of(true, at));
                }
                default -> {
                    if (!PROPAGATION.contains(flag)) {
                        throw invalid(spec, at, path, "unknown mode \"" + flag
                                + "\", expected ro, rw, z, Z, nocopy or a propagation such as rshared");
                    }
                    requireBind(bind, spec, at, path, flag);
                    options = options.with("propagation", YamlScalar.of(flag, at));
                }
            }
        }
        return map.with(bind ? "bind" : "volume", options);
    }

    private static void requireBind(boolean bind, String spec, SourceLocation at, KeyPath path, String flag) {
        if (!bind) {
            throw invalid(spec, at, path, "mode " + flag + " applies to bind mounts only");
        }
    }

    private static SchemaException invalid(String spec, SourceLocation at, KeyPath path, String why) {
        return new SchemaException(Problem.at(at, path, "invalid volume \"" + spec + "\" (" + why + ")"));
    }
}

package io.jcompose.model.load;

import io.jcompose.model.yaml.YamlList;
import io.jcompose.model.yaml.YamlMap;
import io.jcompose.model.yaml.YamlNode;
import io.jcompose.model.yaml.YamlScalar;
import java.nio.file.Path;

/**
 * Makes the relative paths of one canonical file absolute against a base directory: build contexts, bind mounts,
 * env files, label files, extends files, secret and config files. {@code ~} is the user's home.
 */
final class PathResolver {

    private final Path base;
    private final String home;

    PathResolver(Path base, String home) {
        this.base = base;
        this.home = home;
    }

    YamlNode resolve(YamlNode root) {
        if (!(root instanceof YamlMap file)) {
            return root;
        }
        return file.mapValues((key, value) -> switch (key) {
            case "services" -> each(value, this::service);
            case "secrets", "configs" -> each(value, obj -> field(obj, "file", this::path));
            case "volumes" -> each(value, this::bindDevice);
            default -> value;
        });
    }

    private YamlNode each(YamlNode node, java.util.function.UnaryOperator<YamlNode> fn) {
        return node instanceof YamlMap map ? map.mapValues((k, v) -> fn.apply(v)) : node;
    }

    YamlNode service(YamlNode node) {
        YamlNode out = field(node, "build", build -> field(build, "context", this::context));
        out = field(out, "build", build -> field(build, "additional_contexts", ctx -> each(ctx, this::context)));
        out = field(out, "env_file", files -> items(files, f -> field(f, "path", this::path)));
        out = field(out, "label_file", files -> items(files, this::path));
        out = field(out, "extends", ext -> field(ext, "file", this::path));
        out = field(out, "volumes", vols -> items(vols, this::bindSource));
        return field(out, "develop", dev -> field(dev, "watch", w -> items(w, i -> field(i, "path", this::path))));
    }

    /** A local volume with {@code o: bind} mounts {@code device}, a host path like any other. */
    private YamlNode bindDevice(YamlNode volume) {
        if (volume instanceof YamlMap map && map.get("driver").orElse(null) instanceof YamlScalar d
                && d.text().equals("local") && map.get("driver_opts").orElse(null) instanceof YamlMap opts
                && opts.get("o").orElse(null) instanceof YamlScalar o && o.text().equals("bind")) {
            return map.with("driver_opts", field(opts, "device", this::path));
        }
        return volume;
    }

    private YamlNode bindSource(YamlNode volume) {
        if (volume instanceof YamlMap map && map.get("type").orElse(null) instanceof YamlScalar t
                && t.text().equals("bind")) {
            return field(map, "source", this::path);
        }
        return volume;
    }

    private static YamlNode field(YamlNode node, String key, java.util.function.UnaryOperator<YamlNode> fn) {
        if (node instanceof YamlMap map && map.has(key)) {
            return map.with(key, fn.apply(map.entries().get(key)));
        }
        return node;
    }

    private static YamlNode items(YamlNode node, java.util.function.UnaryOperator<YamlNode> fn) {
        if (!(node instanceof YamlList list)) {
            return node;
        }
        return list.mapItems((i, item) -> fn.apply(item));
    }

    /** A build context may be a URL or another image/service, which stay as written. */
    private YamlNode context(YamlNode node) {
        if (node instanceof YamlScalar s && s.value() instanceof String text && isRemote(text)) {
            return node;
        }
        return path(node);
    }

    static boolean isRemote(String text) {
        return text.contains("://") || text.startsWith("git@") || text.startsWith("github.com/")
                || text.startsWith("service:");
    }

    private YamlNode path(YamlNode node) {
        if (!(node instanceof YamlScalar s) || !(s.value() instanceof String text) || text.indexOf('$') >= 0) {
            return node;
        }
        return s.withValue(absolute(text));
    }

    String absolute(String text) {
        if (text.equals("~") || text.startsWith("~/")) {
            return Path.of(home + text.substring(1)).normalize().toString();
        }
        return base.resolve(text).normalize().toString();
    }
}

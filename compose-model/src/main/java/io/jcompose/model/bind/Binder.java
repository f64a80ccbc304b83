package io.jcompose.model.bind;

import io.jcompose.model.Attributes;
import io.jcompose.model.FileObject;
import io.jcompose.model.Network;
import io.jcompose.model.Project;
import io.jcompose.model.Service;
import io.jcompose.model.Volume;
import io.jcompose.model.yaml.YamlMap;
import io.jcompose.model.yaml.YamlNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** Turns the final tree into the immutable {@link Project}; positions are no longer needed past this point. */
public final class Binder {

    private static final List<String> TOP_LEVEL_ORDER = List.of("name", "services", "networks", "volumes",
            "secrets", "configs", "models");

    private Binder() {
    }

    /** The inputs a project records besides its tree. */
    public record Origin(Path workingDir, List<Path> configFiles, List<Path> envFiles, Map<String, String> env) {
    }

    public static Project bind(String name, YamlMap tree, Map<String, YamlNode> disabled, Origin origin) {
        tree = withoutNullCommands(tree);
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("name", name);
        for (String key : TOP_LEVEL_ORDER) {
            tree.get(key).filter(v -> !key.equals("name")).ifPresent(v -> document.put(key, Attributes.frozen(v)));
        }
        tree.entries().forEach((k, v) -> {
            if (!TOP_LEVEL_ORDER.contains(k)) {
                document.put(k, Attributes.frozen(v));
            }
        });
        Attributes doc = Attributes.of(document);
        Map<String, Service> disabledServices = new LinkedHashMap<>();
        disabled.forEach((k, v) -> disabledServices.put(k, new Service(k, attributes(v))));
        return new Project(name, origin.workingDir(), origin.configFiles(), origin.envFiles(),
                section(doc, "services", Service::new), section(doc, "networks", Network::new),
                section(doc, "volumes", Volume::new), section(doc, "secrets", FileObject::new),
                section(doc, "configs", FileObject::new), disabledServices, origin.env(), doc);
    }

    /** {@code command: null} (what {@code config --format json} prints for "none") means the image's own. */
    private static YamlMap withoutNullCommands(YamlMap tree) {
        if (!(tree.get("services").orElse(null) instanceof YamlMap services)) {
            return tree;
        }
        return tree.with("services", services.mapValues((name, service) -> {
            if (!(service instanceof YamlMap s)) {
                return service;
            }
            YamlMap out = s;
            for (String key : List.of("command", "entrypoint")) {
                if (out.get(key).orElse(null) instanceof io.jcompose.model.yaml.YamlScalar v && v.isNull()) {
                    out = out.without(key);
                }
            }
            return out;
        }));
    }

    private static Attributes attributes(YamlNode node) {
        return Attributes.frozen(node) instanceof Map<?, ?> m ? Attributes.of(cast(m)) : Attributes.of(Map.of());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    private static <T> Map<String, T> section(Attributes doc, String key, BiFunction<String, Attributes, T> make) {
        Map<String, T> out = new LinkedHashMap<>();
        doc.objects(key).forEach((k, v) -> out.put(k, make.apply(k, v)));
        return out;
    }
}

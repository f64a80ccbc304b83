package io.jcompose.model.canonical;

import io.jcompose.model.source.KeyPath;
import io.jcompose.model.source.SourceLocation;
import io.jcompose.model.yaml.YamlList;
import io.jcompose.model.yaml.YamlMap;
import io.jcompose.model.yaml.YamlNode;
import io.jcompose.model.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.List;

/**
 * Devices and device requests: {@code devices} short syntax ({@code SOURCE[:TARGET[:PERMISSIONS]]}) to the long
 * form, {@code gpus: all} to a request, and the {@code count: all} a request without count or ids gets.
 */
final class DevicesTransformer {

    private DevicesTransformer() {
    }

    static YamlNode deploy(YamlNode node, KeyPath path) {
        YamlNode out = Canonicalizer.child(node, path, "labels", (v, q) -> KeyValues.toMap(v, q, false));
        return Canonicalizer.child(out, path, "resources", (resources, r) -> Canonicalizer.child(resources, r, "reservations",
                (reservations, s) -> Canonicalizer.child(reservations, s, "devices", DevicesTransformer::deviceRequests)));
    }

    /** {@code gpus: all} is one request for every GPU. */
    static YamlNode gpus(YamlNode node, KeyPath path) {
        if (node instanceof YamlScalar s && !s.isNull()) {
            return new YamlList(List.of(Canonicalizer.single("count", YamlScalar.of("all", s.location()))), s.location(), s.tag());
        }
        return deviceRequests(node, path);
    }

    /** A device request asks for all matching devices unless it gives a count or device ids, not both. */
    private static YamlNode deviceRequests(YamlNode node, KeyPath path) {
        if (!(node instanceof YamlList list)) {
            return node;
        }
        List<YamlNode> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            YamlNode item = list.items().get(i);
            if (item instanceof YamlMap request && request.has("count") && request.has("device_ids")) {
                throw Canonicalizer.problem(request.keyLocation("device_ids"), path.index(i),
                        "count and device_ids cannot both be set (use one of them)");
            }
            out.add(item instanceof YamlMap request && !request.has("count") && !request.has("device_ids")
                    ? request.with("count", YamlScalar.of("all", request.location())) : item);
        }
        return list.withItems(out);
    }

    static YamlNode devices(YamlNode node, KeyPath path) {
        if (!(node instanceof YamlList list)) {
            return node;
        }
        List<YamlNode> out = new ArrayList<>();
        for (YamlNode item : list.items()) {
            if (!(item instanceof YamlScalar s)) {
                out.add(item);
                continue;
            }
            String[] parts = s.text().split(":", -1);
            SourceLocation at = s.location();
            if (parts.length > 3) {
                throw Canonicalizer.problem(at, path.index(out.size()), "invalid device \"" + s.text()
                        + "\" (expected SOURCE[:TARGET[:PERMISSIONS]], or the long syntax)");
            }
            YamlMap device = YamlMap.empty(at).with("source", YamlScalar.of(parts[0], at))
                    .with("target", YamlScalar.of(parts.length > 1 && !parts[1].isEmpty() ? parts[1] : parts[0], at))
                    .with("permissions", YamlScalar.of(parts.length > 2 ? parts[2] : "rwm", at));
            out.add(device);
        }
        return list.withItems(out);
    }
}

package io.jcompose.model.load;

import io.jcompose.model.interpolate.Interpolator;
import io.jcompose.model.source.InterpolationException;
import io.jcompose.model.source.KeyPath;
import io.jcompose.model.source.Problem;
import io.jcompose.model.yaml.YamlList;
import io.jcompose.model.yaml.YamlMap;
import io.jcompose.model.yaml.YamlNode;
import io.jcompose.model.yaml.YamlScalar;
import java.util.ArrayList;
import java.util.List;

/** Substitutes variables in every string value of one file (never in keys), keeping each node's location. */
final class InterpolationStage {

    private final Interpolator interpolator;

    InterpolationStage(Interpolator interpolator) {
        this.interpolator = interpolator;
    }

    YamlNode apply(YamlNode node, KeyPath path) {
        return switch (node) {
            case YamlMap map -> map.mapValues((key, value) -> apply(value, path.child(key)));
            case YamlList list -> {
                List<YamlNode> items = new ArrayList<>(list.size());
                for (int i = 0; i < list.size(); i++) {
                    items.add(apply(list.items().get(i), path.index(i)));
                }
                yield list.withItems(items);
            }
            case YamlScalar scalar when scalar.value() instanceof String text && text.indexOf('$') >= 0 ->
                    scalar.withValue(substitute(text, scalar, path));
            case YamlScalar scalar -> scalar;
        };
    }

    private String substitute(String text, YamlScalar scalar, KeyPath path) {
        try {
            return interpolator.interpolate(text);
        } catch (InterpolationException e) {
            String message = e.problems().getFirst().message();
            throw new InterpolationException(Problem.at(scalar.location(), path, message));
        }
    }
}

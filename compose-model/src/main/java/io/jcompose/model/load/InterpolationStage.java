package io.jcompose.model.load;

import io.jcompose.model.interpolate.Interpolator;
import io.jcompose.model.source.InterpolationException;
import io.jcompose.model.source.KeyPath;
import io.jcompose.model.source.Problem;
import io.jcompose.model.yaml.YamlList;
import io.jcompose.model.yaml.YamlMap;
import io.jcompose.model.yaml.YamlNode;
import io.jcompose.model.yaml.YamlScalar;

/** Substitutes variables in every string value of one file (never in keys), keeping each node's location. */
final class InterpolationStage {

    private final Interpolator interpolator;

    InterpolationStage(Interpolator interpolator) {
        this.interpolator = interpolator;
    }

    YamlNode apply(YamlNode node, KeyPath path) {
        // instanceof, not a switch on types, which would bootstrap a class at run time (see YamlEmitter.value)
        if (node instanceof YamlMap map) {
            return map.mapValues((key, value) -> apply(value, path.child(key)));
        }
        if (node instanceof YamlList list) {
            return list.mapItems((i, item) -> apply(item, path.index(i)));
        }
        if (node instanceof YamlScalar scalar && scalar.value() instanceof String text && text.indexOf('$') >= 0) {
            return scalar.withValue(substitute(text, scalar, path));
        }
        return node;
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

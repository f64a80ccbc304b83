package io.jcompose.planner.reconcile;

import io.jcompose.planner.labels.ComposeNames;
import io.jcompose.planner.observed.ImageRefs;
import io.jcompose.planner.observed.ObservedImage;
import io.jcompose.planner.reconcile.ProjectShape.ServiceShape;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The images {@code down --rmi} removes, as docker compose picks them: with {@code all}, the images services name;
 * with {@code local} and {@code all}, images built for the project (labelled with it, or named
 * {@code <project>-<service>}). Only images that are there.
 */
final class ImagesToRemove {

    private final ProjectShape shape;
    private final ProjectObjects objects;
    private final DownOptions options;

    ImagesToRemove(ProjectShape shape, ProjectObjects objects, DownOptions options) {
        this.shape = shape;
        this.objects = objects;
        this.options = options;
    }

    SortedSet<String> references() {
        SortedSet<String> out = new TreeSet<>();
        if (options.rmi() == RmiMode.NONE) {
            return out;
        }
        for (ServiceShape s : shape.services().values()) {
            if (options.rmi() == RmiMode.ALL && s.image().isPresent()) {
                addIfPresent(out, s.image().get());
            }
            if (s.image().isEmpty() || s.builds()) {
                addIfPresent(out, s.image().orElse(ComposeNames.builtImage(shape.name(), s.name())));
            }
        }
        for (ObservedImage image : objects.state().images()) {
            boolean ours = image.project().filter(shape.name()::equals).isPresent();
            boolean known = image.service().filter(shape.services()::containsKey).isPresent();
            if (ours && !image.tags().isEmpty() && (known || options.removeOrphans())) {
                out.add(ImageRefs.normalize(image.tags().getFirst()));
            }
        }
        return out;
    }

    private void addIfPresent(SortedSet<String> out, String reference) {
        if (objects.image(reference).isPresent()) {
            out.add(ImageRefs.normalize(reference));
        }
    }
}

package io.jcompose.planner.reconcile;

import io.jcompose.model.Service;
import io.jcompose.planner.labels.ComposeNames;
import io.jcompose.planner.observed.ImageRefs;
import io.jcompose.planner.observed.ObservedImage;
import io.jcompose.planner.plan.Cause;
import io.jcompose.planner.plan.Operation;
import io.jcompose.planner.plan.Operation.BuildImage;
import io.jcompose.planner.plan.Operation.PullImage;
import io.jcompose.planner.plan.PlanNode;
import io.jcompose.planner.plan.ResourceId;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Images of an {@code up}: pull or build what is missing, or what {@code --build}, {@code --pull} or a service's
 * {@code pull_policy} asks for. Services sharing an image share one pull. Each service also gets the digest its
 * containers should carry, when the image is already there to tell.
 */
final class ImageStage {

    private final UpContext ctx;
    private final Map<String, PlanNode> byImage = new HashMap<>();

    ImageStage(UpContext ctx) {
        this.ctx = ctx;
    }

    /** The image a service runs: its {@code image}, else the one it builds, {@code <project>-<service>}. */
    static String imageOf(String project, Service service) {
        return service.image().orElseGet(() -> ComposeNames.builtImage(project, service.name()));
    }

    /** Pull or build, and why. */
    private record Decision(boolean build, Cause cause) {
    }

    void run() {
        for (String name : ctx.infra) {
            Service service = ctx.service(name);
            String image = imageOf(ctx.project.name(), service);
            Optional<ObservedImage> local = ctx.observed.image(image);
            ctx.imageDigests.put(name, local.map(ObservedImage::id));
            decide(service, local.isPresent()).ifPresent(d -> {
                Operation op = d.build() ? new BuildImage(name, image, service.build().orElseThrow())
                        : new PullImage(image);
                // a build is per service (contexts differ), a pull per image
                String key = d.build() ? "build " + name : "pull " + ImageRefs.normalize(image);
                PlanNode node = byImage.computeIfAbsent(key, k ->
                        ctx.plan.add(ResourceId.image(ImageRefs.normalize(image)), op, d.cause()));
                ctx.imageNodes.put(name, node);
            });
        }
    }

    private Optional<Decision> decide(Service service, boolean present) {
        PullPolicy policy = ctx.options.pull().orElseGet(() -> PullPolicy.of(service.pullPolicy()));
        boolean builds = service.build().isPresent();
        if (builds && !ctx.options.noBuild()) {
            if (ctx.options.build()) {
                return Optional.of(new Decision(true, Cause.BUILD_REQUESTED));
            }
            if (policy == PullPolicy.BUILD) {
                return Optional.of(new Decision(true, Cause.PULL_POLICY));
            }
            return present ? Optional.empty() : Optional.of(new Decision(true, Cause.MISSING));
        }
        if (builds && service.image().isEmpty()) {
            return Optional.empty(); // --no-build and nothing to pull: the engine reports the missing image
        }
        return switch (policy) {
            case ALWAYS -> Optional.of(new Decision(false, Cause.PULL_POLICY));
            case NEVER -> Optional.empty();
            case MISSING, BUILD -> present ? Optional.empty() : Optional.of(new Decision(false, Cause.MISSING));
        };
    }
}

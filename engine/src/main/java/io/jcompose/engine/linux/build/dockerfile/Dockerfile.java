package io.jcompose.engine.linux.build.dockerfile;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * A parsed Dockerfile: the ARGs before the first FROM, the stages, and what its parser directives set.
 *
 * @param fileName the name it was read under, as messages show it
 * @param escape the escape character: {@code \} or, by {@code # escape=`}, a backtick
 * @param syntax the {@code # syntax=} directive, which a built-in builder records but does not follow
 * @param check the {@code # check=} directive, as written
 * @param globalArgs the ARGs before the first FROM, usable in FROM lines and by stages that declare them again
 */
public record Dockerfile(String fileName, char escape, Optional<String> syntax, Optional<String> check,
        List<Instruction.Arg> globalArgs, List<Stage> stages) {

    public Dockerfile {
        globalArgs = List.copyOf(globalArgs);
        stages = List.copyOf(stages);
    }

    /** Parses a Dockerfile's text; {@code fileName} is only for messages. */
    public static Dockerfile parse(String text, String fileName) {
        return DockerfileParser.parse(text, fileName);
    }

    /** The last stage: what is built when no target is named. */
    public Stage lastStage() {
        return stages.getLast();
    }

    /** The stage named {@code nameOrIndex} (its {@code AS} name, case-insensitive, or its index), if there is one. */
    public Optional<Stage> stage(String nameOrIndex) {
        String lower = nameOrIndex.toLowerCase(Locale.ROOT);
        for (Stage stage : stages) {
            if (stage.name().filter(lower::equals).isPresent()) {
                return Optional.of(stage);
            }
        }
        if (!lower.isEmpty() && lower.chars().allMatch(Character::isDigit) && lower.length() < 10) {
            int index = Integer.parseInt(lower);
            if (index < stages.size()) {
                return Optional.of(stages.get(index));
            }
        }
        return Optional.empty();
    }

    /** The build target: the named stage, or the last one when {@code target} is empty. */
    public Stage target(Optional<String> target) {
        return target.map(t -> stage(t).orElseThrow(() -> new DockerfileException(fileName, 0, Optional.empty(),
                "target stage \"" + t + "\" could not be found in " + fileName))).orElseGet(this::lastStage);
    }

    /**
     * The stages {@code target} needs, itself last, each after the stages it needs: through {@code FROM <stage>},
     * {@code COPY --from=<stage or index>} and {@code RUN --mount=...,from=<stage>}, words taken as written.
     */
    public List<Stage> stagesFor(Stage target) {
        return stagesFor(target, UnaryOperator.identity());
    }

    /**
     * As {@link #stagesFor(Stage)}, with each FROM base and {@code --from}/{@code from=} word first passed through
     * {@code resolve}, which expands it (FROM with the global ARGs) when the caller knows the values.
     */
    public List<Stage> stagesFor(Stage target, UnaryOperator<String> resolve) {
        List<Stage> order = new ArrayList<>();
        visit(target, resolve, new LinkedHashSet<>(), order);
        return order;
    }

    /** The stages {@code stage} reads from directly, in the order its instructions name them. */
    public List<Stage> dependencies(Stage stage, UnaryOperator<String> resolve) {
        Set<Stage> out = new LinkedHashSet<>();
        // FROM names only an earlier stage: a later stage of the same name is an image, as Docker reads it
        stage(resolve.apply(stage.base())).filter(s -> s.index() < stage.index()).ifPresent(out::add);
        for (Instruction instruction : stage.instructions()) {
            List<String> refs = new ArrayList<>();
            switch (instruction) {
                case Instruction.Copy copy -> copy.from().ifPresent(refs::add);
                case Instruction.Run run -> {
                    for (Mount mount : run.mounts()) {
                        switch (mount) {
                            case Mount.Bind bind -> bind.from().ifPresent(refs::add);
                            case Mount.Cache cache -> cache.from().ifPresent(refs::add);
                            default -> { }
                        }
                    }
                }
                default -> { }
            }
            for (String ref : refs) {
                stage(resolve.apply(ref)).ifPresent(out::add);
            }
        }
        return List.copyOf(out);
    }

    private void visit(Stage stage, UnaryOperator<String> resolve, Set<Stage> path, List<Stage> order) {
        if (order.contains(stage)) {
            return;
        }
        if (!path.add(stage)) {
            throw new DockerfileException(fileName, stage.line(), Optional.of("FROM"),
                    "circular dependency detected on stage: " + stage.displayName());
        }
        for (Stage dependency : dependencies(stage, resolve)) {
            visit(dependency, resolve, path, order);
        }
        path.remove(stage);
        order.add(stage);
    }
}

package io.jcompose.model.load;

import io.jcompose.model.Project;
import io.jcompose.model.bind.Binder;
import io.jcompose.model.interpolate.Interpolator;
import io.jcompose.model.normalize.Normalizer;
import io.jcompose.model.source.ComposeFileException;
import io.jcompose.model.validate.Consistency;
import io.jcompose.model.validate.DependencyCycles;
import io.jcompose.model.validate.References;
import io.jcompose.model.yaml.YamlMap;
import io.jcompose.model.yaml.YamlNode;
import io.jcompose.model.yaml.YamlScalar;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Loads a project. The order of the stages, in one place: discover files → environment → per file (parse,
 * interpolate, schema, canonical, unicity, paths, include, extends) → merge → project name → profiles →
 * normalise → resource checks → references, consistency and cycles → bind.
 */
public final class ProjectLoader {

    private ProjectLoader() {
    }

    public static Project load(LoadOptions options) {
        Path cwd = options.workingDir().toAbsolutePath().normalize();
        Path firstGuessDir = options.projectDirectory().map(cwd::resolve).orElse(cwd).normalize();
        ProjectEnvironment env = ProjectEnvironment.load(cwd, firstGuessDir, options.envFiles(),
                options.shellEnvironment());
        List<String> files = ComposeFiles.resolve(cwd, firstGuessDir, options.files(), env.variables(),
                options.warnings());
        Path projectDir = options.projectDirectory().map(cwd::resolve).orElseGet(() ->
                files.getFirst().equals(ComposeFiles.STDIN) ? cwd : Path.of(files.getFirst()).getParent())
                .normalize();
        if (!projectDir.equals(firstGuessDir)) {
            env = ProjectEnvironment.load(cwd, projectDir, options.envFiles(), options.shellEnvironment());
        }

        Interpolator interpolator = new Interpolator(env::lookup);
        FileLoader loader = new FileLoader(env, interpolator, options, projectDir,
                files.stream().filter(f -> !f.equals(ComposeFiles.STDIN)).map(Path::of).toList());
        YamlMap tree = loader.loadProjectTree(files, projectDir);
        for (String variable : interpolator.unsetVariables()) {
            options.warnings().accept("The \"" + variable + "\" variable is not set. Defaulting to a blank string.");
        }

        String name = projectName(options, env, tree, projectDir);
        tree = tree.without("name");
        Set<String> profiles = activeProfiles(options, env);
        Map<String, YamlNode> disabled = new LinkedHashMap<>();
        tree = Profiles.apply(tree, profiles, Set.copyOf(options.services()), disabled);

        if (options.normalize()) {
            tree = new Normalizer(name, projectDir, env::lookup).normalize(tree);
        }
        Consistency.checkResources(tree);
        if (options.consistency()) {
            References.check(tree, disabled.keySet());
            Consistency.checkServices(tree);
            DependencyCycles.check(tree);
        }
        List<Path> configFiles = files.stream().filter(f -> !f.equals(ComposeFiles.STDIN)).map(Path::of).toList();
        return Binder.bind(name, tree, disabled,
                new Binder.Origin(projectDir, configFiles, env.files(), env.variables()));
    }

    private static String projectName(LoadOptions options, ProjectEnvironment env, YamlMap tree, Path projectDir) {
        if (options.projectName().isPresent()) {
            return ProjectNames.requireValid(options.projectName().get(), "-p");
        }
        Optional<String> fromEnv = env.lookup("COMPOSE_PROJECT_NAME").filter(s -> !s.isEmpty());
        if (fromEnv.isPresent()) {
            return ProjectNames.requireValid(fromEnv.get(), "COMPOSE_PROJECT_NAME");
        }
        Optional<String> fromFile = tree.get("name").filter(YamlScalar.class::isInstance)
                .map(n -> ((YamlScalar) n).text()).filter(s -> !s.isEmpty());
        String candidate = fromFile.orElseGet(() -> projectDir.getFileName() == null ? ""
                : projectDir.getFileName().toString());
        String normalized = ProjectNames.normalize(candidate);
        if (normalized.isEmpty()) {
            throw ComposeFileException.of("project name \"" + candidate + "\" has no usable characters: set one"
                    + " with -p NAME or name: in the compose file");
        }
        return normalized;
    }

    private static Set<String> activeProfiles(LoadOptions options, ProjectEnvironment env) {
        Set<String> profiles = new LinkedHashSet<>(options.profiles());
        if (profiles.isEmpty()) {
            env.lookup("COMPOSE_PROFILES").ifPresent(p -> {
                for (String s : p.split(",")) {
                    if (!s.isBlank()) {
                        profiles.add(s.strip());
                    }
                }
            });
        }
        return profiles;
    }
}

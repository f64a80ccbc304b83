package io.jcompose.model.load;

import io.jcompose.model.canonical.Canonicalizer;
import io.jcompose.model.extend.ExtendsResolver;
import io.jcompose.model.include.IncludeResolver;
import io.jcompose.model.interpolate.Interpolator;
import io.jcompose.model.merge.Merger;
import io.jcompose.model.merge.Unicity;
import io.jcompose.model.source.ComposeFileException;
import io.jcompose.model.source.CycleException;
import io.jcompose.model.source.KeyPath;
import io.jcompose.model.source.Problem;
import io.jcompose.model.source.ReferenceException;
import io.jcompose.model.source.SchemaException;
import io.jcompose.model.source.SourceLocation;
import io.jcompose.model.validate.ComposeSchema;
import io.jcompose.model.yaml.YamlMap;
import io.jcompose.model.yaml.YamlNode;
import io.jcompose.model.yaml.YamlReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Runs the per-file stages in their order: read → parse (each YAML document) → interpolate → schema → canonical
 * → unicity → paths → include → extends; then merges the files of a project in order, keeping keyed sequences
 * unique. Each file is read once.
 */
final class FileLoader {

    private final ProjectEnvironment env;
    private final Interpolator interpolator;
    private final boolean interpolate;
    private final boolean resolvePaths;
    private final Path displayBase;
    private final Supplier<InputStream> stdin;
    private final Consumer<String> warnings;
    private final Map<String, YamlMap> rawCache = new HashMap<>();
    private final List<Path> includeStack;
    /** Whether a file read so far tags a value {@code !reset} or {@code !override}. */
    private boolean mergeTags;

    FileLoader(ProjectEnvironment env, Interpolator interpolator, LoadOptions options, Path displayBase,
               List<Path> includeStack) {
        this.env = env;
        this.interpolator = interpolator;
        this.interpolate = options.interpolate();
        this.resolvePaths = options.resolvePaths();
        this.displayBase = displayBase;
        this.stdin = options.stdin();
        this.warnings = options.warnings();
        this.includeStack = includeStack;
        this.options = options;
    }

    private final LoadOptions options;

    /** All files of a project merged, each with its includes and extends resolved; paths against {@code base}. */
    YamlMap loadProjectTree(List<String> files, Path base) {
        YamlNode merged = null;
        for (String file : files) {
            YamlMap tree = load(file, base);
            if (merged != null) {
                merged = Unicity.apply(Merger.merge(merged, tree));
            } else if (tree != raw(file, base) || mergeTags) {
                merged = Unicity.apply(Merger.stripTags(tree));
            } else {
                // one file as it was read (no include, no extends) and without merge tags: nothing to strip, and
                // its sequences were made unique when it was read
                merged = tree;
            }
        }
        return merged instanceof YamlMap map ? map : YamlMap.empty(SourceLocation.NONE);
    }

    private YamlMap load(String file, Path base) {
        YamlMap tree = raw(file, base);
        tree = new IncludeResolver(this::loadInclude, this::displayName).resolve(tree, base);
        return new ExtendsResolver(other -> raw(other, Path.of(other).getParent()), this::displayName)
                .resolve(tree, file);
    }

    /** One file up to paths, cached: {@code extends} may read the same file many times. */
    private YamlMap raw(String file, Path base) {
        String cacheKey = file + "@" + base;
        YamlMap cached = rawCache.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        String name = displayName(file);
        YamlMap result = null;
        // like docker compose, the documents of one file (separated by ---) are laid over each other in order
        YamlReader.Documents documents = YamlReader.readDocuments(read(file), name);
        mergeTags |= documents.mergeTags();
        for (YamlNode document : documents.documents()) {
            YamlMap one = document(document, name, base);
            result = result == null ? one : (YamlMap) Unicity.apply(Merger.merge(result, one));
        }
        if (result == null) {
            result = YamlMap.empty(SourceLocation.ofFile(name));
        }
        rawCache.put(cacheKey, result);
        return result;
    }

    /** One YAML document up to paths: interpolate → schema → canonical → paths. */
    private YamlMap document(YamlNode tree, String name, Path base) {
        if (!(tree instanceof YamlMap)) {
            if (tree instanceof io.jcompose.model.yaml.YamlScalar s && s.isNull()) {
                tree = YamlMap.empty(SourceLocation.ofFile(name));
            } else {
                throw new SchemaException(Problem.at(tree.location(), KeyPath.ROOT,
                        "a compose file must be a mapping, found " + tree.kind()));
            }
        }
        if (interpolate) {
            tree = new InterpolationStage(interpolator).apply(tree, KeyPath.ROOT);
        }
        tree = ComposeSchema.validate(tree, !interpolate);
        if (((YamlMap) tree).has("version")) {
            warnings.accept(name + ": the attribute `version` is obsolete, it will be ignored, please remove it"
                    + " to avoid potential confusion");
            tree = ((YamlMap) tree).without("version");
        }
        tree = Unicity.apply(Canonicalizer.canonicalize(tree));
        if (resolvePaths) {
            tree = new PathResolver(base, env.variables().getOrDefault("HOME", System.getProperty("user.home")))
                    .resolve(tree);
        }
        return (YamlMap) tree;
    }

    private YamlMap loadInclude(IncludeResolver.Include include) {
        for (Path p : include.paths()) {
            if (includeStack.contains(p)) {
                List<String> cycle = new ArrayList<>(includeStack.subList(includeStack.indexOf(p),
                        includeStack.size()).stream().map(f -> displayName(f.toString())).toList());
                cycle.add(displayName(p.toString()));
                throw new CycleException(Problem.at(SourceLocation.NONE, include.at(),
                        "include cycle detected: " + String.join(" -> ", cycle)));
            }
            if (!Files.isRegularFile(p)) {
                throw new ReferenceException(Problem.at(SourceLocation.NONE, include.at().child("path"),
                        "included file " + displayName(p.toString()) + " not found"));
            }
        }
        ProjectEnvironment includedEnv = includedEnvironment(include);
        Interpolator own = new Interpolator(includedEnv::lookup);
        List<Path> stack = new ArrayList<>(includeStack);
        stack.addAll(include.paths());
        FileLoader nested = new FileLoader(includedEnv, own, options, displayBase, stack);
        List<String> files = include.paths().stream().map(Path::toString).toList();
        YamlMap tree = nested.loadProjectTree(files, include.projectDirectory());
        own.unsetVariables().forEach(this::interpolatorWarn);
        return tree;
    }

    /**
     * An included project sees the including project's variables, over its own env files (or its own .env);
     * {@code env_file: /dev/null} means none at all.
     */
    private ProjectEnvironment includedEnvironment(IncludeResolver.Include include) {
        List<Path> envFiles = include.envFiles().stream().filter(p -> !p.equals(Path.of("/dev/null"))).toList();
        for (Path envFile : envFiles) {
            if (!Files.isRegularFile(envFile)) {
                throw new ReferenceException(Problem.at(SourceLocation.NONE, include.at().child("env_file"),
                        "env file " + displayName(envFile.toString()) + " not found"));
            }
        }
        boolean none = !include.envFiles().isEmpty() && envFiles.isEmpty();
        if (none || envFiles.isEmpty() && !Files.isRegularFile(include.projectDirectory().resolve(".env"))) {
            return env;
        }
        return ProjectEnvironment.load(include.projectDirectory(), include.projectDirectory(),
                envFiles.stream().map(Path::toString).toList(), env.variables());
    }

    private void interpolatorWarn(String variable) {
        warnings.accept("The \"" + variable + "\" variable is not set. Defaulting to a blank string.");
    }

    private String read(String file) {
        try {
            if (file.equals(ComposeFiles.STDIN)) {
                try (InputStream in = stdin.get()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw ComposeFileException.of(displayName(file) + ": no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw ComposeFileException.of(displayName(file) + ": not UTF-8 text");
        } catch (IOException e) {
            String reason = e instanceof java.nio.file.FileSystemException fs && fs.getReason() != null
                    ? fs.getReason() : String.valueOf(e.getMessage());
            throw ComposeFileException.of("cannot read " + displayName(file) + ": "
                    + reason.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** Files under the project directory are shown relative to it, others in full. */
    String displayName(String file) {
        if (file.equals(ComposeFiles.STDIN)) {
            return "<stdin>";
        }
        Path p = Path.of(file);
        return p.startsWith(displayBase) ? displayBase.relativize(p).toString() : file;
    }
}

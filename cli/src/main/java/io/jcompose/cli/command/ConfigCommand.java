package io.jcompose.cli.command;

import io.jcompose.cli.ExitCodes;
import io.jcompose.cli.UsageException;
import io.jcompose.model.Project;
import io.jcompose.model.Service;
import io.jcompose.model.emit.JsonEmitter;
import io.jcompose.model.emit.YamlEmitter;
import io.jcompose.model.hash.ConfigHash;
import io.jcompose.model.interpolate.Variables;
import io.jcompose.model.load.VariableScan;
import io.jcompose.model.load.LoadOptions;
import io.jcompose.model.load.ProjectLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose config}: parse, resolve and print the project in canonical form, or parts of it. */
@Command(name = "config", sortOptions = false,
        description = "Parse, resolve and render compose file in canonical format")
public final class ConfigCommand extends ProjectCommand {

    @Parameters(paramLabel = "SERVICE", arity = "0..*", description = "Only these services (and what they need)")
    List<String> services = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", description = "Format the output: yaml or json")
    String format = "yaml";

    @Option(names = {"-q", "--quiet"}, description = "Only validate the configuration, don't print anything")
    boolean quiet;

    @Option(names = "--services", description = "Print the service names, one per line")
    boolean listServices;

    @Option(names = "--volumes", description = "Print the volume names, one per line")
    boolean listVolumes;

    @Option(names = "--networks", description = "Print the network names, one per line")
    boolean listNetworks;

    @Option(names = "--images", description = "Print the image names, one per line")
    boolean listImages;

    @Option(names = "--profiles", description = "Print the profile names, one per line")
    boolean listProfiles;

    @Option(names = "--hash", paramLabel = "SERVICES", description = "Print the service config hash, one per line"
            + " ('*' for all, or svc1,svc2)")
    String hash;

    @Option(names = "--variables", description = "Print the model variables and their default values")
    boolean variables;

    @Option(names = "--environment", description = "Print the environment used for interpolation")
    boolean environment;

    @Option(names = "--no-interpolate", description = "Don't interpolate environment variables")
    boolean noInterpolate;

    @Option(names = "--no-normalize", description = "Don't normalize compose model")
    boolean noNormalize;

    @Option(names = "--no-path-resolution", description = "Don't resolve file paths")
    boolean noPathResolution;

    @Option(names = "--no-consistency", description = "Don't check model consistency (undefined references)")
    boolean noConsistency;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Save to file (default: stdout)")
    Path output;

    @Override
    public Integer call() throws IOException {
        if (!format.equals("yaml") && !format.equals("json")) {
            throw new UsageException("unsupported format \"" + format + "\" (expected yaml or json)");
        }
        LoadOptions base = loadOptions(services);
        if (variables) {
            write(variableTable(VariableScan.scan(base)));
            return ExitCodes.OK;
        }
        Project project = ProjectLoader.load(
                base.withStages(!noInterpolate, !noNormalize, !noPathResolution, !noConsistency));
        if (quiet) {
            return ExitCodes.OK;
        }
        write(render(project, selected(project)));
        return ExitCodes.OK;
    }

    private String render(Project project, Set<String> selected) {
        if (listServices) {
            return lines(selected);
        }
        if (listVolumes) {
            return lines(project.volumes().keySet());
        }
        if (listNetworks) {
            return lines(project.networks().keySet());
        }
        if (listProfiles) {
            Set<String> profiles = new TreeSet<>();
            project.services().values().forEach(s -> profiles.addAll(s.profiles()));
            project.disabledServices().values().forEach(s -> profiles.addAll(s.profiles()));
            return lines(profiles);
        }
        if (listImages) {
            List<String> images = new ArrayList<>();
            for (String name : selected) {
                Service s = project.services().get(name);
                images.add(s.image().orElse(project.name() + "-" + name));
            }
            return lines(images);
        }
        if (hash != null) {
            return hashes(project, selected);
        }
        if (environment) {
            List<String> vars = new ArrayList<>();
            new TreeSet<>(project.environment().keySet()).forEach(k -> vars.add(k + "=" + project.environment().get(k)));
            return lines(vars);
        }
        Map<String, Object> document = document(project, selected);
        if (!noInterpolate) {
            // a literal $ left by interpolation ($$ in the file) is written back as $$, as docker compose does, so
            // that the output loads again to the same project
            document = Dollars.escape(document);
        }
        return format.equals("json") ? JsonEmitter.emit(document) : YamlEmitter.emit(document);
    }

    private static String variableTable(List<Variables.Variable> vars) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "REQUIRED", "DEFAULT VALUE", "ALTERNATE VALUE"});
        for (Variables.Variable v : vars) {
            rows.add(new String[] {v.name(), String.valueOf(v.required()), v.defaultValue(), v.alternateValue()});
        }
        int[] widths = new int[4];
        rows.forEach(r -> {
            for (int i = 0; i < 4; i++) {
                widths[i] = Math.max(widths[i], r[i].length());
            }
        });
        StringBuilder out = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < 4; i++) {
                line.append(i < 3 ? String.format("%-" + (widths[i] + 3) + "s", r[i]) : r[i]);
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private String hashes(Project project, Set<String> selected) {
        Set<String> wanted = new LinkedHashSet<>();
        if (hash.equals("*")) {
            wanted.addAll(selected);
        } else {
            for (String s : hash.split(",")) {
                String name = s.strip();
                if (!project.services().containsKey(name)) {
                    throw new UsageException("no such service: " + name);
                }
                wanted.add(name);
            }
        }
        List<String> out = new ArrayList<>();
        for (String name : wanted) {
            out.add(name + " " + ConfigHash.of(project.services().get(name)));
        }
        return lines(out);
    }

    /** The services asked for on the command line plus everything they depend on, or all of them. */
    private Set<String> selected(Project project) {
        if (services.isEmpty()) {
            return new TreeSet<>(project.services().keySet());
        }
        Set<String> out = new TreeSet<>();
        List<String> queue = new ArrayList<>();
        for (String name : services) {
            if (!project.services().containsKey(name)) {
                throw new UsageException("no such service: " + name);
            }
            queue.add(name);
        }
        while (!queue.isEmpty()) {
            String name = queue.removeLast();
            if (out.add(name)) {
                project.services().get(name).dependsOn().forEach((dep, d) -> {
                    if (project.services().containsKey(dep)) {
                        queue.add(dep);
                    }
                });
            }
        }
        return out;
    }

    private static Map<String, Object> document(Project project, Set<String> selected) {
        Map<String, Object> doc = new LinkedHashMap<>(project.document().values());
        if (selected.size() != project.services().size() && doc.get("services") instanceof Map<?, ?> all) {
            Map<Object, Object> kept = new LinkedHashMap<>();
            all.forEach((k, v) -> {
                if (selected.contains(k)) {
                    kept.put(k, v);
                }
            });
            doc.put("services", kept);
        }
        return doc;
    }

    private static String lines(Iterable<String> values) {
        StringBuilder out = new StringBuilder();
        values.forEach(v -> out.append(v).append('\n'));
        return out.toString();
    }

    private void write(String text) throws IOException {
        if (output != null) {
            Files.writeString(console.cwd().resolve(output), text, StandardCharsets.UTF_8);
        } else {
            console.out().print(text);
            console.out().flush();
        }
    }
}

package io.jcompose.engine.linux.build;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcompose.engine.linux.build.dockerfile.Command;
import io.jcompose.engine.linux.build.dockerfile.CopySource;
import io.jcompose.engine.linux.build.dockerfile.Dockerfile;
import io.jcompose.engine.linux.build.dockerfile.Heredoc;
import io.jcompose.engine.linux.build.dockerfile.Instruction;
import io.jcompose.engine.linux.build.dockerfile.Mount;
import io.jcompose.engine.linux.build.dockerfile.Stage;
import io.jcompose.engine.linux.build.dockerfile.WordExpander;
import io.jcompose.engine.linux.image.Digests;
import io.jcompose.engine.linux.image.ImageName;
import io.jcompose.engine.linux.image.ImageStore;
import io.jcompose.engine.linux.image.StoredImage;
import io.jcompose.engine.linux.layer.LayerUnpacker;
import io.jcompose.engine.linux.oci.OciConfigException;
import io.jcompose.engine.linux.oci.UserResolver;
import io.jcompose.engine.spi.BuildFailedException;
import io.jcompose.engine.spi.ContainerSpec;
import io.jcompose.engine.spi.EngineException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Builds one stage: its FROM, the base's ONBUILD triggers, then each instruction as a step that is either found
 * in the cache or run and stored as the next image.
 */
final class StageBuilder {

    private final BuildExecutor.Build build;
    private final Stage stage;
    private final String label;
    private final List<Integer> numbers = new ArrayList<>();
    private final Map<String, String> args = new LinkedHashMap<>();
    /** The stage's ARG names in declaration order, with a value or not: RUN's history lists them all. */
    private final SequencedSet<String> declaredArgs = new LinkedHashSet<>();
    private StepImage image;
    private boolean cmdSet;

    StageBuilder(BuildExecutor.Build build, Stage stage, boolean target) {
        this.build = build;
        this.stage = stage;
        this.label = target && stage.name().isEmpty() ? "" : stage.name().orElse("stage-" + stage.index()) + " ";
        // the numbers are taken now, in Dockerfile order, so that parallel stages do not shuffle them
        for (int i = 0; i <= stage.instructions().size(); i++) {
            numbers.add(build.progress().number());
        }
    }

    int index() {
        return stage.index();
    }

    StepImage build() throws IOException {
        int total = stage.instructions().size() + 1;
        from(build.progress().start(numbers.getFirst(), "[" + label + "1/" + total + "] " + firstLine(
                stage.from().original())));
        for (int i = 0; i < stage.instructions().size(); i++) {
            Instruction instruction = stage.instructions().get(i);
            BuildProgress.Step step = build.progress().start(numbers.get(i + 1), "[" + label + (i + 2) + "/" + total
                    + "] " + firstLine(instruction.original()));
            step(instruction, step);
        }
        return image;
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    // ---- FROM ----------------------------------------------------------------------------------------------------

    private void from(BuildProgress.Step step) throws IOException {
        try {
            String base = build.expand(stage.base(), build.globalArgs());
            Optional<Stage> earlier = build.dockerfile().stage(base).filter(s -> s.index() < stage.index());
            if (earlier.isPresent()) {
                image = build.stage(earlier.get().index());
            } else if (base.equalsIgnoreCase("scratch")) {
                image = StepImage.scratch();
            } else {
                image = StepImage.of(build.store(), resolveImage(base, step));
            }
            step.done();
        } catch (RuntimeException e) {
            throw fail(step, stage.from(), e);
        }
        List<String> triggers = image.onBuild();
        if (!triggers.isEmpty()) {
            // the triggers run once, in the child: its own image does not carry them on
            image.config().remove("OnBuild");
            for (String trigger : triggers) {
                Dockerfile parsed = Dockerfile.parse("FROM scratch\n" + trigger, build.dockerfile().fileName());
                Instruction instruction = parsed.stages().getFirst().instructions().getFirst();
                step(instruction, build.progress().start(build.progress().number(), "[" + label + "ONBUILD] "
                        + trigger));
            }
        }
    }

    /** The image {@code reference} names: from the store, pulled when missing or when the build asks to pull. */
    private StoredImage resolveImage(String reference, BuildProgress.Step step) {
        Optional<StoredImage> local = build.store().find(reference);
        if (local.isPresent() && !build.spec().pull()) {
            return local.get();
        }
        ImageName name = ImageName.parse(reference);
        if (name.digest().isPresent() && local.isPresent()) {
            return local.get();
        }
        return build.puller().pull(name, step::line);
    }

    /**
     * What {@code --from} names: an earlier stage, else an image (pulled when missing, as Docker reads any other
     * word). A word that could only be a stage name gets the stages listed when no such image can be had either.
     */
    private StepImage stageOrImage(String from, BuildProgress.Step step) throws IOException {
        Optional<Stage> source = build.dockerfile().stage(from).filter(s -> s.index() < stage.index());
        if (source.isPresent()) {
            return build.stage(source.get().index());
        }
        try {
            return StepImage.of(build.store(), resolveImage(from, step));
        } catch (EngineException | IllegalArgumentException e) {
            if (from.matches("[A-Za-z0-9_-]+")) {
                List<String> earlier = build.dockerfile().stages().stream().filter(s -> s.index() < stage.index())
                        .map(s -> s.name().orElse(Integer.toString(s.index()))).toList();
                throw new BuildFailedException("\"" + from + "\" is neither an earlier stage of "
                        + build.dockerfile().fileName() + " (" + (earlier.isEmpty() ? "there is none" : "stages: "
                        + String.join(", ", earlier)) + ") nor an image: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    // ---- steps ---------------------------------------------------------------------------------------------------

    private void step(Instruction instruction, BuildProgress.Step step) throws IOException {
        try {
            switch (instruction) {
                case Instruction.Arg arg -> arg(arg, step);
                case Instruction.Run run -> run(run, step);
                case Instruction.FileTransfer transfer -> transfer(transfer, step);
                case Instruction.Workdir workdir -> workdir(workdir, step);
                case Instruction.From from -> throw new BuildFailedException("FROM inside a stage");
                case Instruction.OnBuild onBuild -> metadata(step, "ONBUILD " + onBuild.trigger().original(),
                        c -> array(c, "OnBuild").add(onBuild.trigger().original()));
                default -> metadataInstruction(instruction, step);
            }
        } catch (StepCached cached) {
            step.cached();
            return;
        } catch (RuntimeException e) {
            throw fail(step, instruction, e);
        }
        step.done();
    }

    /** A step whose image came from the cache: reported as CACHED rather than DONE. */
    private static final class StepCached extends RuntimeException {
        StepCached() {
            super(null, null, false, false);
        }
    }

    private RuntimeException fail(BuildProgress.Step step, Instruction instruction, RuntimeException e) {
        if (e instanceof BuildExecutor.DependencyFailed) {
            return e;
        }
        String reason = e instanceof BuildFailedException && e.getMessage().startsWith(location(instruction))
                ? e.getMessage() : location(instruction) + ": " + e.getMessage();
        step.error(e.getMessage());
        return e instanceof BuildFailedException b && b.getMessage().equals(reason) ? e
                : new BuildFailedException(reason, e);
    }

    /** {@code Dockerfile:LINE: RUN pip install …}, as errors name a step. */
    private String location(Instruction instruction) {
        String text = firstLine(instruction.original());
        if (text.length() > 60) {
            text = text.substring(0, 57) + "...";
        }
        return build.dockerfile().fileName() + ":" + instruction.line() + ": " + text;
    }

    /** The variables for expansion: ARGs in scope, ENV over them (as Docker gives ENV precedence). */
    private Map<String, String> vars() {
        Map<String, String> vars = new LinkedHashMap<>(args);
        vars.putAll(image.env());
        return vars;
    }

    private String expand(String word) {
        return build.expand(word, vars());
    }

    /** A cached step: the image made earlier from the same parent and inputs, or {@code make}'s new one. */
    private void cached(String text, Map<String, String> keyArgs, Optional<String> content, StepMaker make)
            throws IOException {
        String key = BuildCache.key(image.id(), text, keyArgs, content);
        if (!build.spec().noCache()) {
            Optional<StoredImage> hit = build.cache().find(key);
            if (hit.isPresent()) {
                image = StepImage.of(build.store(), hit.get());
                throw new StepCached();
            }
        }
        image = make.make();
        build.cache().remember(key, image.id());
    }

    /** Makes the next image of a step that was not cached. */
    @FunctionalInterface
    private interface StepMaker {
        StepImage make() throws IOException;
    }

    private void metadata(BuildProgress.Step step, String text, Consumer<ObjectNode> change) throws IOException {
        cached(text, Map.of(), Optional.empty(), () -> image.commit(build.store(), change, Optional.empty(), text,
                List.of()));
    }

    private static ArrayNode array(ObjectNode config, String field) {
        return config.path(field).isArray() ? (ArrayNode) config.get(field) : config.putArray(field);
    }

    private static ObjectNode object(ObjectNode config, String field) {
        return config.path(field).isObject() ? (ObjectNode) config.get(field) : config.putObject(field);
    }

    // ---- ARG -----------------------------------------------------------------------------------------------------

    private void arg(Instruction.Arg arg, BuildProgress.Step step) throws IOException {
        StringBuilder text = new StringBuilder("ARG");
        for (Instruction.ArgDefinition def : arg.definitions()) {
            Optional<String> declared = def.defaultValue().map(this::expand);
            text.append(' ').append(def.name()).append(declared.map(v -> "=" + v).orElse(""));
            declaredArgs.add(def.name());
            if (build.spec().args().containsKey(def.name())) {
                args.put(def.name(), build.spec().args().get(def.name()));
            } else if (declared.isPresent()) {
                args.put(def.name(), declared.get());
            } else if (build.globalArgs().containsKey(def.name())) {
                // a global ARG declared again without a value takes the global one
                args.put(def.name(), build.globalArgs().get(def.name()));
            }
        }
        // a stage's ARG is an (empty) entry of the image's history in Docker's images too, with its declared default
        metadata(step, text.toString(), c -> { });
    }

    // ---- metadata instructions -----------------------------------------------------------------------------------

    private void metadataInstruction(Instruction instruction, BuildProgress.Step step) throws IOException {
        switch (instruction) {
            case Instruction.Env env -> {
                Map<String, String> vars = vars();
                Map<String, String> values = new LinkedHashMap<>();
                for (Instruction.KeyValue pair : env.pairs()) {
                    // each pair sees the ones before it on the same line
                    String key = build.expand(pair.key(), vars);
                    String value = build.expand(pair.value(), vars);
                    values.put(key, value);
                    vars.put(key, value);
                }
                StringBuilder text = new StringBuilder("ENV");
                values.forEach((k, v) -> text.append(' ').append(k).append('=').append(v));
                metadata(step, text.toString(), c -> {
                    Map<String, String> merged = new LinkedHashMap<>(image.env());
                    merged.putAll(values);
                    ArrayNode list = c.putArray("Env");
                    merged.forEach((k, v) -> list.add(k + "=" + v));
                });
            }
            case Instruction.Label labels -> {
                Map<String, String> values = new LinkedHashMap<>();
                labels.pairs().forEach(p -> values.put(expand(p.key()), expand(p.value())));
                StringBuilder text = new StringBuilder("LABEL");
                values.forEach((k, v) -> text.append(' ').append(k).append('=').append(v));
                metadata(step, text.toString(), c -> values.forEach(object(c, "Labels")::put));
            }
            case Instruction.User user -> {
                String value = expand(user.user());
                metadata(step, "USER " + value, c -> c.put("User", value));
            }
            case Instruction.Expose expose -> {
                List<String> ports = new ArrayList<>();
                for (String word : expose.ports()) {
                    String port = expand(word).toLowerCase(java.util.Locale.ROOT);
                    ports.add(port.contains("/") ? port : port + "/tcp");
                }
                metadata(step, "EXPOSE " + String.join(" ", ports), c -> ports.forEach(p -> object(c, "ExposedPorts")
                        .putObject(p)));
            }
            case Instruction.Volume volume -> {
                List<String> paths = volume.paths().stream().map(this::expand).toList();
                metadata(step, "VOLUME " + paths, c -> paths.forEach(p -> object(c, "Volumes").putObject(p)));
            }
            case Instruction.StopSignal signal -> {
                String value = expand(signal.signal());
                metadata(step, "STOPSIGNAL " + value, c -> c.put("StopSignal", value));
            }
            case Instruction.Shell shell -> metadata(step, "SHELL " + shell.shell(), c -> {
                ArrayNode list = c.putArray("Shell");
                shell.shell().forEach(list::add);
            });
            case Instruction.Cmd cmd -> {
                List<String> argv = argv(cmd.command());
                cmdSet = true;
                metadata(step, "CMD " + json(argv), c -> {
                    ArrayNode list = c.putArray("Cmd");
                    argv.forEach(list::add);
                });
            }
            case Instruction.Entrypoint entrypoint -> {
                List<String> argv = argv(entrypoint.command());
                boolean keepCmd = cmdSet;
                metadata(step, "ENTRYPOINT " + json(argv), c -> {
                    ArrayNode list = c.putArray("Entrypoint");
                    argv.forEach(list::add);
                    if (!keepCmd) {
                        // an ENTRYPOINT drops the CMD the base image had, as Docker does
                        c.putNull("Cmd");
                    }
                });
            }
            case Instruction.Healthcheck check -> healthcheck(check, step);
            case Instruction.Maintainer maintainer -> metadata(step, "MAINTAINER " + maintainer.name(),
                    c -> image.json().put("author", maintainer.name()));
            default -> throw new BuildFailedException("unsupported instruction " + instruction.keyword());
        }
    }

    private void healthcheck(Instruction.Healthcheck check, BuildProgress.Step step) throws IOException {
        List<String> test = new ArrayList<>();
        if (check.none()) {
            test.add("NONE");
        } else if (check.command().get() instanceof Command.Exec(List<String> exec)) {
            test.add("CMD");
            test.addAll(exec);
        } else if (check.command().get() instanceof Command.Shell(String script)) {
            test.add("CMD-SHELL");
            test.add(script);
        }
        metadata(step, check.original(), c -> {
            ObjectNode hc = c.putObject("Healthcheck");
            ArrayNode list = hc.putArray("Test");
            test.forEach(list::add);
            check.interval().ifPresent(d -> hc.put("Interval", d.toNanos()));
            check.timeout().ifPresent(d -> hc.put("Timeout", d.toNanos()));
            check.startPeriod().ifPresent(d -> hc.put("StartPeriod", d.toNanos()));
            check.startInterval().ifPresent(d -> hc.put("StartInterval", d.toNanos()));
            check.retries().ifPresent(r -> hc.put("Retries", r));
        });
    }

    /** A command's argv: the exec form as is, the shell form through SHELL. */
    private List<String> argv(Command command) {
        return switch (command) {
            case Command.Exec(List<String> exec) -> exec;
            case Command.Shell(String script) -> {
                List<String> argv = new ArrayList<>(image.shell());
                argv.add(script);
                yield argv;
            }
        };
    }

    private static String json(List<String> argv) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(argv);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- WORKDIR -------------------------------------------------------------------------------------------------

    private void workdir(Instruction.Workdir workdir, BuildProgress.Step step) throws IOException {
        String path = CopyInstruction.absolute(expand(workdir.path()), image.workingDir());
        String dir = path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        String text = "WORKDIR " + dir;
        cached(text, Map.of(), Optional.empty(), () -> {
            try (RootfsView view = RootfsView.of(build.store(), image.diffIds())) {
                boolean exists = io.jcompose.engine.linux.oci.RootfsFiles.resolve(view.root(), dir)
                        .map(Files::isDirectory).orElse(false);
                Optional<StoredImage.Layer> layer = Optional.empty();
                if (!exists) {
                    // Docker creates a missing WORKDIR in a layer of its own
                    Path scratch = scratchDir();
                    try {
                        new CopyInstruction(view.root(), scratch, Optional.empty(), Optional.empty())
                                .makeDirectory(dir);
                        layer = Optional.of(UpperDirLayer.store(scratch, build.store()));
                    } finally {
                        ImageStore.deleteTree(scratch);
                    }
                }
                return image.commit(build.store(), c -> c.put("WorkingDir", dir), layer, text, List.of());
            }
        });
    }

    private Path scratchDir() throws IOException {
        return Files.createDirectories(build.store().layout().tmp().resolve("build-" + UUID.randomUUID()));
    }

    // ---- COPY / ADD ----------------------------------------------------------------------------------------------

    private void transfer(Instruction.FileTransfer transfer, BuildProgress.Step step) throws IOException {
        if (!transfer.excludes().isEmpty()) {
            throw new BuildFailedException("--exclude is not supported by the built-in builder");
        }
        Optional<String> from = transfer instanceof Instruction.Copy copy ? copy.from().map(this::expand)
                : Optional.empty();
        Path downloads = null;
        RootfsView fromView = null;
        try {
            SourceTree tree;
            List<String> fromImages = new ArrayList<>();
            if (from.isPresent()) {
                StepImage sourceImage = stageOrImage(from.get(), step);
                fromImages.add(sourceImage.id());
                fromView = RootfsView.of(build.store(), sourceImage.diffIds());
                tree = SourceTree.rootfs(fromView.root());
            } else {
                tree = build.contextTree();
            }
            List<SourceTree.Match> matches = new ArrayList<>();
            List<SourceTree.Match> archives = new ArrayList<>();
            List<String> extra = new ArrayList<>();
            boolean several = transfer.sources().size() > 1;
            for (CopySource source : transfer.sources()) {
                switch (source) {
                    case CopySource.Word(String word) -> {
                        String path = expand(word);
                        several |= SourceTree.wildcard(path);
                        if (transfer instanceof Instruction.Add add && isUrl(path)) {
                            downloads = downloads != null ? downloads : scratchDir();
                            Path file = download(path, add.checksum().map(this::expand), downloads, step);
                            matches.add(new SourceTree.Match(file, file.getFileName().toString()));
                            extra.add(path + "\0" + Digests.of(file));
                            continue;
                        }
                        for (SourceTree.Match match : resolve(tree, path)) {
                            if (transfer instanceof Instruction.Add && from.isEmpty() && isArchive(match.file())) {
                                archives.add(match);
                            } else {
                                matches.add(match);
                            }
                        }
                    }
                    case CopySource.Inline(Heredoc doc) -> {
                        downloads = downloads != null ? downloads : scratchDir();
                        String content = doc.expand() ? WordExpander.expandHeredoc(doc.content(),
                                build.dockerfile().escape(), name -> Optional.ofNullable(vars().get(name)))
                                : doc.content();
                        Path file = downloads.resolve(doc.name());
                        Files.writeString(file, content);
                        matches.add(new SourceTree.Match(file, doc.name()));
                        extra.add(doc.name() + "\0" + content);
                    }
                }
            }
            String dest = CopyInstruction.absolute(expand(transfer.destination()), image.workingDir());
            Optional<String> chown = transfer.chown().map(this::expand);
            Optional<Integer> chmod = transfer.chmod().map(this::expand).map(m -> {
                try {
                    return Integer.parseInt(m, 8);
                } catch (NumberFormatException e) {
                    throw new BuildFailedException("invalid --chmod=" + m + ": only octal modes are supported");
                }
            });
            String text = transfer.keyword() + from.map(f -> " --from=" + f).orElse("")
                    + chown.map(c -> " --chown=" + c).orElse("") + chmod.map(m -> " --chmod="
                    + Integer.toOctalString(m)).orElse("") + " " + transfer.sources().size() + " source(s) " + dest;
            List<SourceTree.Match> all = new ArrayList<>(matches);
            all.addAll(archives);
            String content = tree.digest(all) + "\0" + String.join("\0", extra);
            SourceTree sources = tree;
            boolean severalSources = several;
            cached(text, Map.of(), Optional.of(content), () -> {
                try (RootfsView view = RootfsView.of(build.store(), image.diffIds())) {
                    Path scratch = scratchDir();
                    try {
                        Optional<CopyInstruction.Owner> owner = chown.map(c -> owner(view.root(), c));
                        CopyInstruction copy = new CopyInstruction(view.root(), scratch, owner, chmod);
                        try {
                            if (!matches.isEmpty()) {
                                copy.copy(matches, severalSources || matches.size() + archives.size() > 1, dest,
                                        sources);
                            }
                            for (SourceTree.Match archive : archives) {
                                Path target = copy.makeDirectory(dest);
                                try (InputStream in = Files.newInputStream(archive.file())) {
                                    new LayerUnpacker(LayerUnpacker.DeviceNodes.SKIP).unpack(in, target);
                                }
                            }
                        } catch (CopyInstruction.DestinationException e) {
                            throw new BuildFailedException(e.getMessage());
                        }
                        StoredImage.Layer layer = UpperDirLayer.store(scratch, build.store());
                        return image.commit(build.store(), c -> { }, Optional.of(layer), createdBy(transfer, dest),
                                List.of(), fromImages);
                    } finally {
                        ImageStore.deleteTree(scratch);
                    }
                }
            });
        } finally {
            if (fromView != null) {
                fromView.close();
            }
            if (downloads != null) {
                ImageStore.deleteTree(downloads);
            }
        }
    }

    private String createdBy(Instruction.FileTransfer transfer, String dest) {
        return transfer.keyword() + " " + String.join(" ", transfer.sources().stream().map(s -> switch (s) {
            case CopySource.Word(String w) -> w;
            case CopySource.Inline(Heredoc h) -> "<<" + h.name();
        }).toList()) + " " + dest + " # buildkit";
    }

    private static List<SourceTree.Match> resolve(SourceTree tree, String path) {
        try {
            return tree.resolve(path);
        } catch (SourceTree.SourceException e) {
            throw new BuildFailedException(e.getMessage());
        }
    }

    /** {@code --chown=user[:group]}: names from the image's passwd and group files; a lone user is also the group. */
    private static CopyInstruction.Owner owner(Path rootfs, String chown) {
        try {
            UserResolver resolver = UserResolver.of(rootfs);
            if (!chown.contains(":")) {
                UserResolver.ResolvedUser user = resolver.resolve(chown, List.of(), "--chown");
                return new CopyInstruction.Owner(user.uid(), chown.matches("\\d+") ? user.uid() : user.gid());
            }
            UserResolver.ResolvedUser user = resolver.resolve(chown, List.of(), "--chown");
            return new CopyInstruction.Owner(user.uid(), user.gid());
        } catch (OciConfigException e) {
            throw new BuildFailedException(e.getMessage());
        }
    }

    private static boolean isUrl(String source) {
        return source.startsWith("http://") || source.startsWith("https://");
    }

    /** Whether ADD unpacks it: a tar, plain or compressed, recognised by its content as Docker does. */
    private static boolean isArchive(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file));
             InputStream in = io.jcompose.engine.linux.layer.Compression.decompressing(raw)) {
            byte[] header = in.readNBytes(512);
            return header.length == 512 && TarArchiveInputStream.matches(header, header.length);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** ADD of a URL: downloads it (checking {@code --checksum}), named after the URL's last path segment. */
    private Path download(String url, Optional<String> checksum, Path dir, BuildProgress.Step step) {
        try {
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(Duration.ofSeconds(30)).build();
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            if (response.statusCode() / 100 != 2) {
                response.body().close();
                throw new BuildFailedException("invalid response status " + response.statusCode() + " for " + url);
            }
            String path = URI.create(url).getPath();
            String name = path == null || path.endsWith("/") || path.isEmpty() ? "index.html"
                    : path.substring(path.lastIndexOf('/') + 1);
            Path file = dir.resolve(name);
            try (InputStream in = response.body()) {
                Files.copy(in, file);
            }
            step.line("downloaded " + url + " (" + Files.size(file) + " bytes)");
            if (checksum.isPresent() && !checksum.get().equals(Digests.of(file))) {
                throw new BuildFailedException("digest mismatch " + Digests.of(file) + ": " + checksum.get());
            }
            Optional<String> modified = response.headers().firstValue("Last-Modified");
            if (modified.isPresent()) {
                Files.setLastModifiedTime(file, FileTime.from(ZonedDateTime.parse(modified.get(),
                        DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()));
            }
            Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            return file;
        } catch (IOException e) {
            throw new BuildFailedException("cannot download " + url + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BuildFailedException("interrupted");
        }
    }

    // ---- RUN -----------------------------------------------------------------------------------------------------

    private void run(Instruction.Run run, BuildProgress.Step step) throws IOException {
        List<String> argv = runArgv(run);
        Map<String, String> env = image.env();
        Map<String, String> buildArgs = new LinkedHashMap<>();
        // build args reach RUN as environment, ENV of the same name winning
        args.forEach((k, v) -> {
            if (!env.containsKey(k)) {
                buildArgs.put(k, v);
            }
        });
        String network = switch (run.network().orElse(Instruction.Network.DEFAULT)) {
            case NONE -> "none";
            case HOST -> "host";
            case DEFAULT -> build.spec().network().filter(n -> n.equals("none")).orElse("host");
        };
        String text = "RUN " + json(argv) + " network=" + network + " mounts=" + run.mounts();
        cached(text, buildArgs, Optional.empty(), () -> {
            List<RootfsView> views = new ArrayList<>();
            List<String> sources = new ArrayList<>();
            try {
                List<ContainerSpec.MountSpec> mounts = new ArrayList<>();
                for (Mount mount : run.mounts()) {
                    mounts.add(mount(mount, views, sources, step));
                }
                RunInstruction.Process process = new RunInstruction.Process(argv, buildArgs, image.user(),
                        image.workingDir().isEmpty() ? "/" : image.workingDir(), mounts, network,
                        build.spec().extraHosts(), build.spec().shmSize());
                StoredImage.Layer layer;
                try {
                    layer = build.runs().run(image.id().isEmpty() ? scratchImage() : image.id(), process, step::line);
                } catch (RunInstruction.RunFailedException e) {
                    throw new BuildFailedException("process \"" + String.join(" ", argv)
                            + "\" did not complete successfully: exit code " + e.exitCode()
                            + (e.tail().isEmpty() ? "" : "\n" + String.join("\n", e.tail())));
                } catch (EngineException e) {
                    throw new BuildFailedException(e.getMessage(), e);
                }
                return image.commit(build.store(), c -> { }, Optional.of(layer), "RUN " + argsPrefix(env)
                        + String.join(" ", argv) + " # buildkit", List.of(), sources);
            } finally {
                views.forEach(RootfsView::close);
            }
        });
    }

    /**
     * The stage's ARGs as RUN's history names them, as Docker does: {@code |2 A=1 B= }, the value of an ENV of the
     * same name winning, empty for an ARG without a value.
     */
    private String argsPrefix(Map<String, String> env) {
        if (declaredArgs.isEmpty()) {
            return "";
        }
        StringBuilder prefix = new StringBuilder("|").append(declaredArgs.size()).append(' ');
        for (String name : declaredArgs) {
            prefix.append(name).append('=').append(env.getOrDefault(name, args.getOrDefault(name, ""))).append(' ');
        }
        return prefix.toString();
    }

    /** A FROM scratch stage that runs something must be stored first: containers are made from image ids. */
    private String scratchImage() throws IOException {
        image = image.tag(build.store(), List.of());
        return image.id();
    }

    /**
     * The argv of a RUN: the exec form as is; a shell form that is only a here-document runs the document as the
     * script; otherwise the script with its here-documents under it, through SHELL.
     */
    private List<String> runArgv(Instruction.Run run) {
        List<String> argv = new ArrayList<>();
        switch (run.command()) {
            case Command.Exec(List<String> exec) -> argv.addAll(exec);
            case Command.Shell(String script) -> {
                argv.addAll(image.shell());
                if (run.heredocs().size() == 1 && script.strip().matches("<<-?[\"']?"
                        + java.util.regex.Pattern.quote(run.heredocs().getFirst().name()) + "[\"']?")) {
                    Heredoc doc = run.heredocs().getFirst();
                    argv.add(doc.expand() ? WordExpander.expandHeredoc(doc.content(), build.dockerfile().escape(),
                            name -> Optional.ofNullable(vars().get(name))) : doc.content());
                } else {
                    argv.add(run.scriptWithHeredocs().orElse(script));
                }
            }
        }
        return argv;
    }

    private ContainerSpec.MountSpec mount(Mount mount, List<RootfsView> views, List<String> sources,
                                          BuildProgress.Step step)
            throws IOException {
        return switch (mount) {
            case Mount.Cache cache -> {
                Path dir = build.cache().mountDir(expand(cache.id()));
                yield new ContainerSpec.MountSpec("bind", Optional.of(dir.toString()), expand(cache.path()),
                        cache.readOnly(), Optional.empty(), false, Optional.empty(), Optional.empty(), false, Map.of());
            }
            case Mount.Tmpfs tmpfs -> new ContainerSpec.MountSpec("tmpfs", Optional.empty(), expand(tmpfs.path()),
                    false, Optional.empty(), false, Optional.empty(), tmpfs.sizeBytes(), false, Map.of());
            case Mount.Bind bind -> {
                if (bind.readWrite()) {
                    throw new BuildFailedException("--mount=type=bind,rw is not supported by the built-in builder");
                }
                String source = bind.source().map(this::expand).orElse("/");
                Path host;
                if (bind.from().isPresent()) {
                    String from = expand(bind.from().get());
                    StepImage sourceImage = stageOrImage(from, step);
                    sources.add(sourceImage.id());
                    RootfsView view = RootfsView.of(build.store(), sourceImage.diffIds());
                    views.add(view);
                    host = io.jcompose.engine.linux.oci.RootfsFiles.resolve(view.root(), source).orElseThrow(
                            () -> new BuildFailedException("--mount source " + source + " not found"));
                } else {
                    host = resolve(build.contextTree(), source).getFirst().file();
                }
                yield new ContainerSpec.MountSpec("bind", Optional.of(host.toString()), expand(bind.path()), true,
                        Optional.empty(), false, Optional.empty(), Optional.empty(), false, Map.of());
            }
            default -> throw new BuildFailedException("RUN --mount of this type is not supported by the built-in"
                    + " builder: " + mount.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
        };
    }
}

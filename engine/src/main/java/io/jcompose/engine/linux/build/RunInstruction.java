package io.jcompose.engine.linux.build;

import io.jcompose.engine.linux.container.ContainerStore;
import io.jcompose.engine.linux.container.LinuxContainers;
import io.jcompose.engine.linux.image.ImageStore;
import io.jcompose.engine.linux.image.StoredImage;
import io.jcompose.engine.spi.ContainerSpec;
import io.jcompose.engine.spi.StdStreams;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * Runs one RUN: a container of the built-in runtime made from the previous step's image, run attached with its
 * output passed on line by line; when it succeeds its overlay upper dir becomes the new layer. The container goes
 * away in every case.
 */
public final class RunInstruction {

    /** Lines of output a failure message repeats. */
    static final int TAIL_LINES = 30;

    private final LinuxContainers containers;
    private final ContainerStore containerStore;
    private final ImageStore images;

    public RunInstruction(LinuxContainers containers, ImageStore images) {
        this.containers = containers;
        this.containerStore = containers.store();
        this.images = images;
    }

    /** What the process is: argv, environment beyond the image's, user, directory, mounts, network. */
    public record Process(List<String> argv, Map<String, String> environment, String user, String workingDir,
                          List<ContainerSpec.MountSpec> mounts, String networkMode, List<String> extraHosts,
                          Optional<Long> shmSize) {
    }

    /** The command exited with {@code exitCode}; {@code tail} is the end of its output. */
    public static final class RunFailedException extends Exception {
        private final int exitCode;
        private final List<String> tail;

        RunFailedException(int exitCode, List<String> tail) {
            super("exit code " + exitCode);
            this.exitCode = exitCode;
            this.tail = List.copyOf(tail);
        }

        public int exitCode() {
            return exitCode;
        }

        public List<String> tail() {
            return tail;
        }
    }

    /** Runs {@code process} over image {@code imageId}; returns the layer of its changes. */
    public StoredImage.Layer run(String imageId, Process process, Consumer<String> output)
            throws IOException, RunFailedException {
        String name = "jcompose-build-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        ContainerSpec spec = new ContainerSpec(name, imageId, Optional.of(process.argv()), Optional.of(List.of()),
                process.environment(), Map.of("io.jcompose.build", "true"), Optional.empty(), Optional.empty(),
                Optional.of(process.user()), Optional.of(process.workingDir()), false, true, false, false, false,
                List.of(), List.of(), Optional.empty(), Optional.empty(), ContainerSpec.RestartPolicy.NO,
                Optional.empty(), List.of(), List.of(), process.mounts(), Optional.of(process.networkMode()),
                Map.of(), process.extraHosts(), List.of(), List.of(), List.of(), Optional.empty(), Optional.empty(),
                List.of(), List.of(), new ContainerSpec.Resources(Optional.empty(), Optional.empty(),
                        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), process.shmSize()),
                Map.of(), List.of(), Map.of(), List.of(), Optional.empty(), Optional.empty(), List.of(), Map.of());
        List<String> destinations = new ArrayList<>(MountStubs.RUNTIME_FILES);
        process.mounts().forEach(m -> destinations.add(m.target()));
        List<String> diffIds = images.find(imageId).map(i -> i.layers().stream().map(StoredImage.Layer::diffId)
                .toList()).orElse(List.of());
        MountStubs stubs = MountStubs.of(images, diffIds, destinations);
        String id = containers.create(spec);
        try {
            Deque<String> tail = new ArrayDeque<>();
            Consumer<String> keep = line -> {
                synchronized (tail) {
                    tail.addLast(line);
                    if (tail.size() > TAIL_LINES) {
                        tail.removeFirst();
                    }
                }
                output.accept(line);
            };
            int code;
            try (LineSplitter out = new LineSplitter(keep); LineSplitter err = new LineSplitter(keep)) {
                // an input that ends at once, as a build step's: the runtime then runs the step as our child with
                // pipes (one process), not under conmon (three, and the log followed from the file)
                code = containers.startAttached(id, new StdStreams(Optional.of(InputStream.nullInputStream()), out,
                        err));
            }
            if (code != 0) {
                throw new RunFailedException(code, List.copyOf(tail));
            }
            Path upper = containerStore.dir(id).resolve("upper");
            stubs.removeFrom(upper);
            return UpperDirLayer.store(upper, images);
        } finally {
            containers.remove(id, true, true);
        }
    }

    /** An output stream handing on complete lines (a last unfinished one at close). */
    private static final class LineSplitter extends OutputStream {
        private final Consumer<String> lines;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        LineSplitter(Consumer<String> lines) {
            this.lines = lines;
        }

        @Override
        public void write(int b) {
            if (b == '\n') {
                lines.accept(pending.toString(StandardCharsets.UTF_8));
                pending.reset();
            } else {
                pending.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            for (int i = off; i < off + len; i++) {
                write(b[i]);
            }
        }

        @Override
        public void close() {
            if (pending.size() > 0) {
                lines.accept(pending.toString(StandardCharsets.UTF_8));
                pending.reset();
            }
        }
    }
}

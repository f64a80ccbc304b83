package io.jcompose.cli.command.container;

import io.jcompose.cli.UsageException;
import io.jcompose.engine.copy.ContainerCopier;
import io.jcompose.engine.spi.Backend;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose container cp}: files and folders between a container and the local filesystem. */
@Command(name = "cp", sortOptions = false, description = "Copy files/folders between a container and the local"
        + " filesystem", customSynopsis = {"jcompose container cp [OPTIONS] CONTAINER:SRC_PATH DEST_PATH|-",
            "       jcompose container cp [OPTIONS] SRC_PATH|- CONTAINER:DEST_PATH"})
public final class ContainerCpCommand extends ContainerBase {

    @Parameters(index = "0", paramLabel = "SRC", description = "CONTAINER:SRC_PATH, or a local path (- for a tar"
            + " stream on stdin)")
    String source;

    @Parameters(index = "1", paramLabel = "DEST", description = "CONTAINER:DEST_PATH, or a local path (- for a tar"
            + " stream on stdout)")
    String destination;

    @Option(names = {"-a", "--archive"}, description = "Archive mode (copy all uid/gid information)")
    boolean archive;

    @Option(names = {"-L", "--follow-link"}, description = "Always follow symbol link in SRC_PATH")
    boolean followLink;

    @Option(names = {"-q", "--quiet"}, description = "Suppress progress output during copy")
    boolean quiet;

    /** A path of a container, or a local one when {@code container} is empty. */
    record Side(Optional<String> container, String path) {

        /** As the docker CLI splits it: a path starting with {@code /} or {@code .}, or without a colon, is local. */
        static Side parse(String arg) {
            int colon = arg.indexOf(':');
            if (colon <= 0 || arg.startsWith("/") || arg.startsWith(".")) {
                return new Side(Optional.empty(), arg);
            }
            return new Side(Optional.of(arg.substring(0, colon)), arg.substring(colon + 1));
        }
    }

    @Override
    protected int run(Backend backend) throws IOException {
        Side src = Side.parse(source);
        Side dst = Side.parse(destination);
        if (src.container().isPresent() == dst.container().isPresent()) {
            throw new UsageException(src.container().isPresent() ? "copying between containers is not supported"
                    : "must specify at least one container source");
        }
        String container = src.container().or(dst::container).orElseThrow();
        require(backend, container);
        ContainerCopier copier = new ContainerCopier(backend.containers());
        if (src.container().isPresent()) {
            if (dst.path().equals("-")) {
                // bytes of a tar: the console's writer is for text
                console.out().flush();
                try (InputStream tar = copier.tarFromContainer(container, src.path(), followLink)) {
                    OutputStream out = new FileOutputStream(FileDescriptor.out);
                    tar.transferTo(out);
                    out.flush();
                }
            } else {
                copier.toHost(container, src.path(), local(dst.path()), followLink);
                say("Successfully copied " + container + ":" + src.path() + " to " + dst.path());
            }
        } else if (src.path().equals("-")) {
            copier.tarToContainer(console.in(), container, dst.path(), archive);
        } else {
            copier.toContainer(local(src.path()), container, dst.path(), followLink, archive);
            say("Successfully copied " + src.path() + " to " + container + ":" + dst.path());
        }
        return 0;
    }

    /** Relative to where jcompose runs, a trailing {@code /} or {@code /.} kept: they mean something to cp. */
    private String local(String path) {
        return path.startsWith("/") ? path : console.cwd().toAbsolutePath() + "/" + path;
    }

    private void say(String line) {
        if (!quiet) {
            console.err().println(line);
        }
    }
}

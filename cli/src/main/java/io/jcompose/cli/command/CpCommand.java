package io.jcompose.cli.command;

import io.jcompose.cli.UsageException;
import io.jcompose.cli.option.GlobalOptions;
import io.jcompose.engine.copy.ContainerCopier;
import io.jcompose.engine.spi.Backend;
import io.jcompose.model.Project;
import io.jcompose.planner.observed.ObservedContainer;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose cp}: copy files and folders between a service container and the local filesystem. */
@Command(name = "cp", sortOptions = false, description = "Copy files/folders between a service container and the"
        + " local filesystem", customSynopsis = {"jcompose cp [OPTIONS] SERVICE:SRC_PATH DEST_PATH|-",
            "       jcompose cp [OPTIONS] SRC_PATH|- SERVICE:DEST_PATH"})
public final class CpCommand extends EngineCommand {

    @Parameters(index = "0", paramLabel = "SRC", description = "SERVICE:SRC_PATH, or a local path (- for a tar"
            + " stream on stdin)")
    String source;

    @Parameters(index = "1", paramLabel = "DEST", description = "SERVICE:DEST_PATH, or a local path (- for a tar"
            + " stream on stdout)")
    String destination;

    @Option(names = "--all", description = "Include containers created by the run command (DEPRECATED)")
    boolean all;

    @Option(names = {"-a", "--archive"}, description = "Archive mode (copy all uid/gid information)")
    boolean archive;

    @Option(names = {"-L", "--follow-link"}, description = "Always follow symbol link in SRC_PATH")
    boolean followLink;

    @Option(names = "--index", paramLabel = "N", description = "Index of the container if service has multiple"
            + " replicas")
    int index;

    /** One side of the copy: a service's path, or a local one when {@code service} is empty. */
    record Side(Optional<String> service, String path) {

        /** As docker compose splits it: an absolute path, or one starting with {@code .}, is local. */
        static Side parse(String arg) {
            int colon = arg.indexOf(':');
            if (arg.startsWith("/") || colon < 0 || arg.substring(0, colon).startsWith(".")) {
                return new Side(Optional.empty(), arg);
            }
            return new Side(Optional.of(arg.substring(0, colon)), arg.substring(colon + 1));
        }
    }

    @Override
    public Integer call() {
        Side src = Side.parse(source);
        Side dst = Side.parse(destination);
        if (src.service().isPresent() && dst.service().isPresent()) {
            throw new UsageException("copying between services is not supported");
        }
        if (src.service().isEmpty() && dst.service().isEmpty()) {
            throw new UsageException("one of the paths must name a service: SERVICE:PATH");
        }
        if (all && src.service().isPresent()) {
            throw new UsageException("cannot use the --all flag when copying from a service");
        }
        String service = src.service().or(dst::service).orElseThrow();
        Optional<Project> project = projectIfAny(List.of(service));
        String name = projectName(project);
        try (Backend backend = openBackend()) {
            List<ObservedContainer> targets = targets(backend, name, service, src.service().isPresent());
            ContainerCopier copier = new ContainerCopier(backend.containers());
            for (ObservedContainer c : targets) {
                String what = src.service().isPresent() ? c.name() + ":" + src.path() + " to " + dst.path()
                        : src.path() + " to " + c.name() + ":" + dst.path();
                say(c, "Copying", what);
                if (!global().dryRun) {
                    copy(copier, c.name(), src, dst);
                }
                say(c, "Copied", what);
            }
        }
        return 0;
    }

    /** Every container of the service when copying to it, the first when copying from it; or the one of --index. */
    private List<ObservedContainer> targets(Backend backend, String project, String service, boolean from) {
        List<ObservedContainer> all = ServiceContainers.of(backend, project, List.of(service), this.all);
        List<ObservedContainer> chosen = index > 0
                ? all.stream().filter(c -> !c.oneOff() && c.number().orElse(-1) == index).toList() : all;
        if (chosen.isEmpty()) {
            throw new UsageException(index > 0 ? "service \"" + service + "\" has no container with index " + index
                    : "no container found for service \"" + service + "\"");
        }
        return from ? chosen.subList(0, 1) : chosen;
    }

    private void copy(ContainerCopier copier, String container, Side src, Side dst) {
        if (src.service().isPresent()) {
            if (dst.path().equals("-")) {
                toStdout(copier, container, src.path());
            } else {
                copier.toHost(container, src.path(), local(dst.path()), followLink);
            }
        } else if (src.path().equals("-")) {
            copier.tarToContainer(console.in(), container, dst.path(), archive);
        } else {
            copier.toContainer(local(src.path()), container, dst.path(), followLink, archive);
        }
    }

    /**
     * The tar goes to the process's own stdout: the console's writer is for text and would mangle bytes that are
     * not UTF-8.
     */
    private void toStdout(ContainerCopier copier, String container, String path) {
        console.out().flush();
        try (InputStream tar = copier.tarFromContainer(container, path, followLink)) {
            OutputStream out = new FileOutputStream(FileDescriptor.out);
            tar.transferTo(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Relative to where jcompose runs, keeping a trailing {@code /} or {@code /.}, which mean something to cp. */
    private String local(String path) {
        return path.startsWith("/") ? path : console.cwd().toAbsolutePath() + "/" + path;
    }

    /** On stderr, so that a tar on stdout stays clean. */
    private void say(ObservedContainer c, String status, String what) {
        if (global().progress != GlobalOptions.Progress.QUIET) {
            console.err().println(" Container " + c.name() + "  " + status + " " + what);
            console.err().flush();
        }
    }
}

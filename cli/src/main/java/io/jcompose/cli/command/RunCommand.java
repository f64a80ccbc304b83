package io.jcompose.cli.command;

import io.jcompose.cli.UsageException;
import io.jcompose.cli.render.ProgressView;
import io.jcompose.cli.render.WriterOutputStream;
import io.jcompose.engine.spi.Backend;
import io.jcompose.engine.spi.StdStreams;
import io.jcompose.model.Attributes;
import io.jcompose.model.Project;
import io.jcompose.model.Service;
import io.jcompose.planner.labels.ComposeNames;
import io.jcompose.planner.plan.Operation;
import io.jcompose.planner.plan.Plan;
import io.jcompose.planner.reconcile.PullPolicy;
import io.jcompose.planner.reconcile.Reconciler;
import io.jcompose.planner.reconcile.RunOptions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code jcompose run}: a one-off container of a service, its dependencies started first. */
@Command(name = "run", sortOptions = false, description = "Run a one-off command on a service")
public final class RunCommand extends EngineCommand {

    @Parameters(index = "0", paramLabel = "SERVICE", description = "The service")
    String service;

    @Parameters(index = "1..*", paramLabel = "COMMAND", arity = "0..*", description = "Command and arguments")
    List<String> command = new ArrayList<>();

    @Option(names = "--rm", description = "Automatically remove the container when it exits")
    boolean rm;

    @Option(names = {"-d", "--detach"}, description = "Run container in background and print container ID")
    boolean detach;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VAL", description = "Set environment variables")
    List<String> env = new ArrayList<>();

    @Option(names = {"-l", "--label"}, paramLabel = "KEY=VAL", description = "Add or override a label")
    List<String> labels = new ArrayList<>();

    @Option(names = "--entrypoint", paramLabel = "CMD", description = "Override the entrypoint of the image")
    String entrypoint;

    @Option(names = "--name", paramLabel = "NAME", description = "Assign a name to the container")
    String name;

    @Option(names = "--no-deps", description = "Don't start linked services")
    boolean noDeps;

    @Option(names = {"-p", "--publish"}, paramLabel = "PORT", description = "Publish a container's port(s) to the host")
    List<String> publish = new ArrayList<>();

    @Option(names = {"-P", "--service-ports"}, description = "Run command with all service's ports enabled and mapped")
    boolean servicePorts;

    @Option(names = {"-v", "--volume"}, paramLabel = "VOLUME", description = "Bind mount a volume")
    List<String> volumes = new ArrayList<>();

    @Option(names = {"-w", "--workdir"}, paramLabel = "DIR", description = "Working directory inside the container")
    String workdir;

    @Option(names = {"-u", "--user"}, paramLabel = "USER", description = "Run as specified username or uid")
    String user;

    @Option(names = {"-i", "--interactive"}, negatable = true, defaultValue = "true", fallbackValue = "true",
            arity = "0..1", description = "Keep STDIN open even if not attached (default true)")
    boolean interactive = true;

    @Option(names = {"-T", "--no-TTY"}, description = "Disable pseudo-TTY allocation (default: auto-detected)")
    boolean noTty;

    @Option(names = "--remove-orphans", description = "Remove containers for services not defined in the Compose file")
    boolean removeOrphans;

    @Option(names = "--pull", paramLabel = "POLICY", description = "Pull image before running (always|missing|never)")
    String pull;

    @Option(names = "--build", description = "Build image before starting container")
    boolean build;

    @Override
    public Integer call() {
        Project loaded = loadProject(List.of(service));
        Service original = loaded.service(service).orElseThrow(() -> new UsageException("no such service: " + service));
        Project project = OneOffs.withService(loaded, overridden(original));
        String id = HexFormat.of().formatHex(randomBytes());
        RunOptions options = new RunOptions(service, id, noDeps, removeOrphans,
                pull == null ? Optional.empty() : Optional.of(PullPolicy.of(Optional.of(pull))), build);
        String containerName = name != null ? name : ComposeNames.oneOff(project.name(), service, id);
        // attached, the one-off is started below, once attached: its first output and its input are not lost then
        boolean startHere = !detach && !global().dryRun;
        try (Backend backend = openBackend()) {
            try (ProgressView view = progress("Running")) {
                int code = report(engine(backend, view).converge(project.name(), Optional.of(project), observed -> {
                    Plan plan = Reconciler.run(project, observed, options);
                    return startHere ? plan.without(n -> n.op() instanceof Operation.StartContainer s
                            && s.name().equals(containerName)) : plan;
                }, global().dryRun));
                if (code != 0 || global().dryRun) {
                    return code;
                }
            }
            if (detach) {
                console.out().println(containerName);
                console.out().flush();
                return 0;
            }
            return attached(backend, containerName);
        }
    }

    /**
     * Like docker compose run: stdin goes to the container unless {@code -i=false}; its exit code is ours. Ctrl-C and
     * SIGTERM are passed on to the container (as {@code docker run}'s signal proxy does) instead of ending jcompose,
     * so the container ends as its program decides and {@code --rm} still removes it; a third Ctrl-C kills it.
     */
    private int attached(Backend backend, String containerName) {
        StdStreams streams = new StdStreams(interactive ? Optional.of(console.in()) : Optional.empty(),
                new WriterOutputStream(console.out()), new WriterOutputStream(console.err()));
        try (SignalProxy proxy = new SignalProxy(backend.containers(), containerName, console.err())) {
            return backend.containers().startAttached(containerName, streams);
        } finally {
            console.out().flush();
            console.err().flush();
            if (rm) {
                backend.containers().remove(containerName, true, true);
            }
        }
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    /** The service as this one-off runs it: command, entrypoint, environment, ports and mounts from the flags. */
    private Service overridden(Service s) {
        Map<String, Object> a = new LinkedHashMap<>(s.attributes().values());
        if (!command.isEmpty()) {
            a.put("command", command);
        }
        if (entrypoint != null) {
            a.put("entrypoint", io.jcompose.model.canonical.ShellWords.split(entrypoint).orElseThrow(() ->
                    new UsageException("unbalanced quotes in --entrypoint \"" + entrypoint + "\"")));
        }
        a.put("environment", OneOffs.merged(s.attributes(), "environment", env, console.env()));
        a.put("labels", OneOffs.merged(s.attributes(), "labels", labels, Map.of()));
        if (!servicePorts) {
            a.remove("ports");
        }
        if (!publish.isEmpty()) {
            a.put("ports", OneOffs.ports(publish));
        }
        if (!volumes.isEmpty()) {
            List<Object> mounts = new ArrayList<>(s.attributes().list("volumes"));
            mounts.addAll(OneOffs.volumes(volumes, console.cwd()));
            a.put("volumes", mounts);
        }
        if (workdir != null) {
            a.put("working_dir", workdir);
        }
        if (user != null) {
            a.put("user", user);
        }
        // a one-off is named by --name or after its id, never by the service's container_name
        a.remove("container_name");
        if (name != null) {
            a.put("container_name", name);
        }
        a.put("tty", !noTty && console.terminal());
        a.put("stdin_open", interactive);
        a.remove("restart");
        return new Service(s.name(), Attributes.of(a));
    }
}

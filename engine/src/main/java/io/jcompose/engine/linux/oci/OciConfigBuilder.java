package io.jcompose.engine.linux.oci;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcompose.engine.spi.ContainerSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a container's OCI runtime config ({@code config.json}, runtime-spec 1.0.2, as runc 1.1 and crun 1.8
 * read it) so that the container behaves as Docker would run the same spec.
 */
public final class OciConfigBuilder {

    public static final String OCI_VERSION = "1.0.2";

    /** Docker hides these kernel interfaces, which leak host information or let a container disturb the host. */
    static final List<String> MASKED_PATHS = List.of("/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys",
            "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi",
            "/sys/firmware", "/sys/devices/virtual/powercap");
    /** ... and makes these read-only. */
    static final List<String> READONLY_PATHS = List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys",
            "/proc/sysrq-trigger");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path hostDev;

    public OciConfigBuilder() {
        this(Path.of("/dev"));
    }

    /** A builder taking a privileged container's devices from {@code hostDev} (tests use a directory of their own). */
    OciConfigBuilder(Path hostDev) {
        this.hostDev = hostDev;
    }

    public ObjectNode build(OciContainerInput in) {
        ContainerSpec spec = in.spec();
        SecurityOptions security = SecurityOptions.parse(spec.securityOpt());
        boolean hostNetwork = in.network() instanceof Namespace.Host;
        String hostname = EtcFiles.hostname(spec, in.containerId(), hostNetwork, in.host());

        ObjectNode config = JSON.createObjectNode();
        config.put("ociVersion", OCI_VERSION);
        List<String> capabilities = Capabilities.effective(spec.capAdd(), spec.capDrop(), spec.privileged(),
                in.host().lastCapability());
        config.set("process", process(in, hostname, capabilities, security).toJson());
        ObjectNode root = config.putObject("root");
        root.put("path", in.rootfs().toString());
        root.put("readonly", spec.readOnly());
        config.put("hostname", hostname);
        spec.domainname().filter(d -> !d.isEmpty()).ifPresent(d -> config.put("domainname", d));

        List<OciMounts.Mount> mounts = OciMounts.of(mountRequest(in));
        ArrayNode mountArray = config.putArray("mounts");
        for (OciMounts.Mount m : mounts) {
            ObjectNode node = mountArray.addObject();
            node.put("destination", m.destination());
            node.put("type", m.type());
            node.put("source", m.source());
            m.options().forEach(node.putArray("options")::add);
        }
        config.set("linux", linux(in, security, capabilities, mounts, hostNetwork));
        return config;
    }

    private static OciProcess process(OciContainerInput in, String hostname, List<String> capabilities,
                                      SecurityOptions security) {
        ContainerSpec spec = in.spec();
        List<String> args = ContainerCommand.args(spec, in.image());
        if (spec.init()) {
            in.initBinary().orElseThrow(InitBinary::missing);
            List<String> withInit = new ArrayList<>(List.of(OciMounts.INIT_PATH, "--"));
            withInit.addAll(args);
            args = withInit;
        }
        String user = spec.user().filter(u -> !u.isEmpty()).orElse(in.image().user());
        UserResolver.ResolvedUser resolved = UserResolver.of(in.rootfs()).resolve(user, spec.groupAdd(), "user");
        List<String> env = ContainerEnv.of(in.image(), spec.environment(), hostname, spec.tty(), resolved.home());
        return new OciProcess(spec.tty(), resolved, args, env, workingDir(spec, in.image()), capabilities,
                security.noNewPrivileges(), Rlimits.of(spec.ulimits(), in.host()));
    }

    /** The service's {@code working_dir}, else the image's WORKDIR, else {@code /}; it must be absolute. */
    static String workingDir(ContainerSpec spec, io.jcompose.engine.linux.image.ImageConfig image) {
        if (spec.workingDir().isPresent() && !spec.workingDir().get().isEmpty()) {
            String dir = spec.workingDir().get();
            if (!dir.startsWith("/")) {
                throw new OciConfigException("working_dir: \"" + dir + "\" is not an absolute path");
            }
            return dir;
        }
        // images built by old tools may carry a relative WORKDIR: Docker takes it from the root
        return image.workingDir().isEmpty() ? "/" : image.workingDir().startsWith("/") ? image.workingDir()
                : "/" + image.workingDir();
    }

    private static OciMounts.Request mountRequest(OciContainerInput in) {
        ContainerSpec spec = in.spec();
        boolean noShm = spec.ipc().filter("none"::equals).isPresent();
        return new OciMounts.Request(in.mounts(), spec.tmpfs(), in.etc(), spec.readOnly(), spec.privileged(),
                spec.resources().shmSize(), in.shmSource(), noShm, spec.init() ? in.initBinary()
                : java.util.Optional.empty());
    }

    private ObjectNode linux(OciContainerInput in, SecurityOptions security, List<String> capabilities,
                             List<OciMounts.Mount> mounts, boolean hostNetwork) {
        ContainerSpec spec = in.spec();
        ObjectNode linux = JSON.createObjectNode();
        ArrayNode namespaces = linux.putArray("namespaces");
        namespace(namespaces, "pid", in.pid());
        namespace(namespaces, "network", in.network());
        namespace(namespaces, "ipc", in.ipc());
        namespace(namespaces, "uts", Namespace.PRIVATE);
        namespace(namespaces, "mount", Namespace.PRIVATE);

        Devices.Setup devices = Devices.of(spec.devices(), spec.privileged(), hostDev);
        ArrayNode nodes = linux.putArray("devices");
        for (Devices.Node d : devices.nodes()) {
            ObjectNode n = nodes.addObject();
            n.put("path", d.path());
            n.put("type", d.type());
            n.put("major", d.major());
            n.put("minor", d.minor());
            n.put("fileMode", d.fileMode());
            n.put("uid", d.uid());
            n.put("gid", d.gid());
        }
        linux.set("resources", CgroupResources.of(spec.resources(), devices.rules(), in.host()));
        linux.put("cgroupsPath", in.cgroupsPath());

        Map<String, String> sysctls = Sysctls.checked(spec.sysctls(), in.ipc() instanceof Namespace.Host,
                hostNetwork);
        if (!sysctls.isEmpty()) {
            ObjectNode sysctl = linux.putObject("sysctl");
            sysctls.forEach(sysctl::put);
        }
        if (!spec.privileged() && !security.unmaskedPaths()) {
            MASKED_PATHS.forEach(linux.putArray("maskedPaths")::add);
            READONLY_PATHS.forEach(linux.putArray("readonlyPaths")::add);
        }
        OciMounts.rootPropagation(mounts).ifPresent(p -> linux.put("rootfsPropagation", p));
        SeccompProfile.forContainer(security.seccomp(), spec.privileged(), capabilities, in.host())
                .ifPresent(s -> linux.set("seccomp", s));
        return linux;
    }

    private static void namespace(ArrayNode namespaces, String type, Namespace ns) {
        switch (ns) {
            case Namespace.Host h -> { }
            case Namespace.Private p -> namespaces.addObject().put("type", type);
            case Namespace.Join j -> namespaces.addObject().put("type", type).put("path", j.path().toString());
        }
    }
}

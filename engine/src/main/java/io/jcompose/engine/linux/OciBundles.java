package io.jcompose.engine.linux;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcompose.engine.linux.container.BundleBuilder;
import io.jcompose.engine.linux.container.ContainerRecord;
import io.jcompose.engine.linux.image.ImageConfig;
import io.jcompose.engine.linux.oci.EtcFiles;
import io.jcompose.engine.linux.oci.ExecProcessBuilder;
import io.jcompose.engine.linux.oci.HostFacts;
import io.jcompose.engine.linux.oci.InitBinary;
import io.jcompose.engine.linux.oci.Namespace;
import io.jcompose.engine.linux.oci.OciConfigBuilder;
import io.jcompose.engine.linux.oci.OciContainerInput;
import io.jcompose.engine.linux.oci.OciMounts;
import io.jcompose.engine.linux.oci.ResolvedMount;
import io.jcompose.engine.linux.oci.SeccompFilters;
import io.jcompose.engine.spi.ContainerSpec;
import io.jcompose.engine.spi.ExecSpec;
import io.jcompose.engine.spi.RuntimeFailureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The bundle of a container as Docker would set it up: the etc files written next to the container's record, the
 * working directory made in the rootfs when the image lacks it (as Docker does at creation), and the OCI config
 * from {@link OciConfigBuilder}.
 */
final class OciBundles implements BundleBuilder {

    private final HostFacts host = HostFacts.read();
    private final OciConfigBuilder builder = new OciConfigBuilder();
    private final Optional<SeccompFilters> seccompFilters;

    /** Bundles whose configs carry the compiled seccomp filter from {@code seccompFilters} (crun's annotation). */
    OciBundles(Optional<SeccompFilters> seccompFilters) {
        this.seccompFilters = seccompFilters;
    }

    @Override
    public ObjectNode containerConfig(ContainerRecord record, ImageConfig image, Path rootfs, Path etcDir,
                                      Joins joins, NetworkFiles network, String cgroupsPath) {
        ContainerSpec spec = record.spec();
        boolean hostNetwork = joins.network().filter("host"::equals).isPresent();
        String hostname = EtcFiles.hostname(spec, record.id(), hostNetwork, host);
        try {
            Files.createDirectories(etcDir);
            Path hostnameFile = etcDir.resolve("hostname");
            Path hostsFile = etcDir.resolve("hosts");
            Path resolvFile = etcDir.resolve("resolv.conf");
            // written in place, never replaced: a bind mount holds on to the file it was made from
            Files.writeString(hostnameFile, EtcFiles.hostnameFile(hostname));
            String hosts = hostNetwork
                    ? EtcFiles.hostsForHostNetwork(readHost("/etc/hosts"), spec.extraHosts(), Optional.empty())
                    : EtcFiles.hosts(spec.extraHosts(), Optional.empty(), network.address(), hostname,
                    spec.domainname());
            Files.writeString(hostsFile, hosts + network.hostEntries().stream().map(e -> e + "\n")
                    .collect(java.util.stream.Collectors.joining()));
            // on a network, the embedded DNS server answers (and forwards what is not ours to the host's resolvers)
            List<String> dns = network.nameserver().isPresent() && spec.dns().isEmpty()
                    ? List.of(network.nameserver().get()) : spec.dns();
            Files.writeString(resolvFile, EtcFiles.resolvConf(readHost("/etc/resolv.conf"), dns,
                    spec.dnsSearch(), spec.dnsOptions(), hostNetwork));
            makeWorkingDir(rootfs, spec.workingDir().filter(d -> !d.isBlank()).orElse(image.workingDir()));
            List<ResolvedMount> mounts = record.mounts().stream().map(m -> m.hostPath()
                    .map(p -> ResolvedMount.of(m.spec(), Path.of(p))).orElseGet(() -> ResolvedMount.tmpfs(m.spec())))
                    .toList();
            Namespace ipc = namespace(joins.ipc());
            Optional<Path> shm = switch (ipc) {
                case Namespace.Host h -> Optional.of(Path.of("/dev/shm"));
                case Namespace.Join j -> Optional.of(j.path().getParent().getParent().resolve("root/dev/shm"));
                case Namespace.Private p -> Optional.empty();
            };
            OciContainerInput input = new OciContainerInput(spec, image, record.id(), rootfs, mounts,
                    new OciMounts.EtcBinds(Optional.of(hostnameFile), Optional.of(hostsFile),
                            Optional.of(resolvFile)), namespace(joins.network()), ipc, namespace(joins.pid()), shm,
                    cgroupsPath, spec.init() ? Optional.of(InitBinary.locate()) : Optional.empty(), host);
            ObjectNode config = builder.build(input);
            seccompFilters.ifPresent(filters -> filters.annotate(config));
            return config;
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot prepare container " + record.name() + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new RuntimeFailureException("container " + record.name() + ": " + e.getMessage());
        }
    }

    @Override
    public ObjectNode execProcess(ContainerRecord record, ImageConfig image, Path rootfs, ExecSpec exec) {
        boolean hostNetwork = record.spec().networkMode().filter("host"::equals).isPresent();
        try {
            return ExecProcessBuilder.build(exec, record.spec(), image, rootfs,
                    EtcFiles.hostname(record.spec(), record.id(), hostNetwork, host), host);
        } catch (IllegalArgumentException e) {
            throw new RuntimeFailureException(e.getMessage());
        }
    }

    private static Namespace namespace(Optional<String> join) {
        return join.map(j -> j.equals("host") ? Namespace.HOST : (Namespace) new Namespace.Join(Path.of(j)))
                .orElse(Namespace.PRIVATE);
    }

    /** Creates the working directory in the rootfs, one component at a time, never through a link. */
    private static void makeWorkingDir(Path rootfs, String dir) throws IOException {
        if (dir == null || dir.isBlank() || dir.equals("/")) {
            return;
        }
        Path current = rootfs;
        for (Path part : Path.of("/").relativize(Path.of("/").resolve(dir).normalize())) {
            current = current.resolve(part.toString());
            if (Files.isSymbolicLink(current)) {
                return; // the runtime resolves it inside the container; we must not follow it on the host
            }
            if (!Files.exists(current, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectory(current);
            }
        }
    }

    private static String readHost(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return "";
        }
    }
}

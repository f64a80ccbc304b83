package io.jcompose.engine.linux.oci;

import io.jcompose.engine.linux.image.ImageConfig;
import io.jcompose.engine.spi.ContainerSpec;
import io.jcompose.engine.spi.ContainerSpec.MountSpec;
import io.jcompose.engine.spi.ContainerSpec.Resources;
import io.jcompose.engine.spi.ContainerSpec.Ulimit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test data: a container spec with nothing set, changed field by field. */
final class SpecBuilder {

    Optional<List<String>> entrypoint = Optional.empty();
    Optional<List<String>> command = Optional.empty();
    Map<String, String> environment = new LinkedHashMap<>();
    Optional<String> hostname = Optional.empty();
    Optional<String> domainname = Optional.empty();
    Optional<String> user = Optional.empty();
    Optional<String> workingDir = Optional.empty();
    boolean tty;
    boolean privileged;
    boolean init;
    boolean readOnly;
    List<String> capAdd = new ArrayList<>();
    List<String> capDrop = new ArrayList<>();
    List<MountSpec> mounts = new ArrayList<>();
    Optional<String> ipc = Optional.empty();
    Resources resources = Resources.NONE;
    Map<String, String> sysctls = new LinkedHashMap<>();
    List<String> securityOpt = new ArrayList<>();
    Map<String, String> tmpfs = new LinkedHashMap<>();
    List<String> groupAdd = new ArrayList<>();
    List<String> devices = new ArrayList<>();
    Map<String, Ulimit> ulimits = new LinkedHashMap<>();

    ContainerSpec build() {
        return new ContainerSpec("p-web-1", "img", entrypoint, command, environment, Map.of(), hostname, domainname,
                user, workingDir, tty, false, privileged, init, readOnly, capAdd, capDrop, Optional.empty(),
                Optional.empty(), ContainerSpec.RestartPolicy.NO, Optional.empty(), List.of(), List.of(), mounts,
                Optional.empty(), Map.of(), List.of(), List.of(), List.of(), List.of(), ipc, Optional.empty(),
                List.of(), List.of(), resources, sysctls, securityOpt, tmpfs, groupAdd, Optional.empty(),
                Optional.empty(), devices, ulimits);
    }

    static ImageConfig image(List<String> env, Optional<List<String>> entrypoint, Optional<List<String>> cmd,
                             String workingDir, String user) {
        return new ImageConfig("amd64", "linux", Optional.empty(), env, entrypoint, cmd, workingDir, user,
                List.of(), List.of(), Map.of(), Optional.empty(), Optional.empty(), List.of());
    }

    static ImageConfig image(String... cmd) {
        return image(List.of(), Optional.empty(), Optional.of(List.of(cmd)), "", "");
    }

    static MountSpec bind(String target, boolean readOnly) {
        return new MountSpec("bind", Optional.of("/src"), target, readOnly, Optional.empty(), false,
                Optional.empty(), Optional.empty(), false, Map.of());
    }

    static MountSpec volume(String name, String target, Optional<String> subpath) {
        return new MountSpec("volume", Optional.of(name), target, false, Optional.empty(), false, subpath,
                Optional.empty(), false, Map.of());
    }

    static MountSpec tmpfsMount(String target, Optional<Long> size) {
        return new MountSpec("tmpfs", Optional.empty(), target, false, Optional.empty(), false, Optional.empty(),
                size, false, Map.of());
    }

    static HostFacts host(long nofileHard) {
        return new HostFacts(Map.of("RLIMIT_NOFILE", nofileHard), 40, "6.1.0", "the-host", 2);
    }
}

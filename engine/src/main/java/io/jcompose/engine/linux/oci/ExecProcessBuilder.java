package io.jcompose.engine.linux.oci;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcompose.engine.linux.image.ImageConfig;
import io.jcompose.engine.spi.ContainerSpec;
import io.jcompose.engine.spi.ExecSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes the {@code process.json} for {@code runc exec --process} (or {@code crun exec --process}): a command run
 * in a running container with the container's environment, user, capabilities and limits, as {@code docker exec}.
 */
public final class ExecProcessBuilder {

    private ExecProcessBuilder() {
    }

    /**
     * @param container the spec the container was created from
     * @param rootfs    its mounted root filesystem, whose passwd and group files name users
     * @param hostname  the container's hostname, for {@code HOSTNAME}
     */
    public static ObjectNode build(ExecSpec exec, ContainerSpec container, ImageConfig image, Path rootfs,
                                   String hostname, HostFacts host) {
        if (exec.command().isEmpty() || exec.command().getFirst().isEmpty()) {
            throw new OciConfigException("exec: no command specified");
        }
        String user = exec.user().filter(u -> !u.isEmpty())
                .or(() -> container.user().filter(u -> !u.isEmpty())).orElse(image.user());
        UserResolver.ResolvedUser resolved = UserResolver.of(rootfs).resolve(user, container.groupAdd(),
                exec.user().filter(u -> !u.isEmpty()).isPresent() ? "exec --user" : "user");
        Map<String, String> environment = new LinkedHashMap<>(container.environment());
        environment.putAll(exec.environment());
        String cwd = exec.workingDir().filter(d -> !d.isEmpty()).map(d -> {
            if (!d.startsWith("/")) {
                throw new OciConfigException("exec --workdir: \"" + d + "\" is not an absolute path");
            }
            return d;
        }).orElseGet(() -> OciConfigBuilder.workingDir(container, image));
        SecurityOptions security = SecurityOptions.parse(container.securityOpt());
        return new OciProcess(exec.tty(), resolved, exec.command(),
                ContainerEnv.of(image, environment, hostname, exec.tty(), resolved.home()), cwd,
                Capabilities.effective(container.capAdd(), container.capDrop(),
                        container.privileged() || exec.privileged(), host.lastCapability()),
                security.noNewPrivileges(), Rlimits.of(container.ulimits(), host)).toJson();
    }
}

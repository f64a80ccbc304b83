package io.jcompose.engine.linux;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.jcompose.engine.linux.container.BundleBuilder;
import io.jcompose.engine.linux.container.ContainerRecord;
import io.jcompose.engine.linux.image.ImageConfig;
import io.jcompose.engine.spi.ExecSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The least config a runtime accepts (root, args, env, proc/dev/sys, binds of the resolved mounts), so that the
 * container lifecycle can be tested apart from the full OCI config builder.
 */
final class MinimalBundles implements BundleBuilder {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public ObjectNode containerConfig(ContainerRecord record, ImageConfig image, Path rootfs, Path etcDir,
                                      Joins joins, String cgroupsPath) {
        ObjectNode config = JSON.createObjectNode();
        config.put("ociVersion", "1.0.2");
        config.set("process", process(args(record, image), image));
        config.putObject("root").put("path", rootfs.toString()).put("readonly", false);
        config.put("hostname", record.name());
        ArrayNode mounts = config.putArray("mounts");
        mounts.addObject().put("destination", "/proc").put("type", "proc").put("source", "proc");
        mounts.addObject().put("destination", "/dev").put("type", "tmpfs").put("source", "tmpfs")
                .putArray("options").add("nosuid").add("mode=755");
        for (ContainerRecord.ResolvedMount m : record.mounts()) {
            if (m.hostPath().isPresent()) {
                mounts.addObject().put("destination", m.spec().target()).put("type", "bind")
                        .put("source", m.hostPath().get()).putArray("options").add("rbind").add("rw");
            }
        }
        ObjectNode linux = config.putObject("linux");
        linux.put("cgroupsPath", cgroupsPath);
        ArrayNode namespaces = linux.putArray("namespaces");
        for (String ns : List.of("pid", "ipc", "uts", "mount")) {
            namespaces.addObject().put("type", ns);
        }
        if (joins.network().isEmpty()) {
            namespaces.addObject().put("type", "network");
        }
        return config;
    }

    @Override
    public ObjectNode execProcess(ContainerRecord record, ImageConfig image, Path rootfs, ExecSpec exec) {
        return process(exec.command(), image);
    }

    private static List<String> args(ContainerRecord record, ImageConfig image) {
        List<String> args = new ArrayList<>(record.spec().entrypoint().orElse(image.entrypoint().orElse(List.of())));
        args.addAll(record.spec().command().orElse(image.cmd().orElse(List.of())));
        return args;
    }

    private static ObjectNode process(List<String> args, ImageConfig image) {
        ObjectNode process = JSON.createObjectNode();
        process.put("terminal", false);
        process.putObject("user").put("uid", 0).put("gid", 0);
        ArrayNode a = process.putArray("args");
        args.forEach(a::add);
        ArrayNode env = process.putArray("env");
        env.add("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        image.env().forEach(env::add);
        process.put("cwd", "/");
        ObjectNode caps = process.putObject("capabilities");
        for (String set : List.of("bounding", "effective", "permitted")) {
            ArrayNode c = caps.putArray(set);
            List.of("CAP_KILL", "CAP_CHOWN", "CAP_SETUID", "CAP_SETGID").forEach(c::add);
        }
        return process;
    }
}

package io.jcompose.engine.spec;

import io.jcompose.engine.spi.ContainerSpec.MountSpec;
import io.jcompose.model.Attributes;
import io.jcompose.model.FileObject;
import io.jcompose.model.Project;
import io.jcompose.model.Service;
import io.jcompose.model.ServiceVolume;
import io.jcompose.model.Volume;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service's mounts as docker compose makes them: {@code volumes} (named volumes by their backend name), then the
 * file-based {@code secrets} and {@code configs} as read-only binds; one mount per target, the first one wins.
 */
final class Mounts {

    private static final String SECRETS_DIR = "/run/secrets/";

    private final Project project;

    Mounts(Project project) {
        this.project = project;
    }

    List<MountSpec> of(Service service) {
        Map<String, MountSpec> byTarget = new LinkedHashMap<>();
        List<ServiceVolume> volumes = service.volumes();
        List<Object> raw = service.attributes().list("volumes");
        for (int i = 0; i < volumes.size(); i++) {
            Attributes attributes = Attributes.of(raw.get(i) instanceof Map<?, ?> m ? cast(m) : Map.of());
            MountSpec mount = volume(volumes.get(i), attributes);
            byTarget.putIfAbsent(mount.target(), mount);
        }
        files(service, "secrets", project.secrets(), SECRETS_DIR).forEach(m -> byTarget.putIfAbsent(m.target(), m));
        files(service, "configs", project.configs(), "/").forEach(m -> byTarget.putIfAbsent(m.target(), m));
        return List.copyOf(byTarget.values());
    }

    private MountSpec volume(ServiceVolume v, Attributes attributes) {
        Map<String, String> labels = attributes.object("volume").map(o -> o.stringMap("labels")).orElse(Map.of());
        return switch (v.type()) {
            // without a bind block docker compose uses the legacy Binds API, which creates a missing host path
            case "bind" -> new MountSpec("bind", v.source(), v.target(), v.readOnly(), v.propagation(), false,
                    Optional.empty(), Optional.empty(), !attributes.has("bind") || v.createHostPath(), Map.of());
            case "volume" -> new MountSpec("volume", v.source().map(this::volumeName), v.target(), v.readOnly(),
                    Optional.empty(), v.noCopy(), v.subpath(), Optional.empty(), false, labels);
            case "tmpfs" -> new MountSpec("tmpfs", Optional.empty(), v.target(), v.readOnly(), Optional.empty(),
                    false, Optional.empty(), v.tmpfsSize(), false, Map.of());
            default -> new MountSpec(v.type(), v.source(), v.target(), v.readOnly(), Optional.empty(), false,
                    Optional.empty(), Optional.empty(), false, Map.of());
        };
    }

    /** A project volume's backend name ({@code <project>_<key>} unless named); anything else is taken as is. */
    private String volumeName(String source) {
        return Optional.ofNullable(project.volumes().get(source)).map(Volume::name).orElse(source);
    }

    /**
     * Secrets or configs read from a file, bind-mounted read-only at their target (relative targets under
     * {@code baseDir}). Ones from the environment or inline content have no file: docker compose copies those into
     * the container after creating it, which is the engine's job, not a mount.
     */
    private static List<MountSpec> files(Service service, String key, Map<String, FileObject> defined,
                                         String baseDir) {
        List<MountSpec> out = new ArrayList<>();
        for (Object item : service.attributes().list(key)) {
            if (!(item instanceof Map<?, ?> m)) {
                continue;
            }
            Attributes ref = Attributes.of(cast(m));
            String source = ref.string("source").orElse("");
            Optional<String> file = Optional.ofNullable(defined.get(source)).filter(f -> !f.external())
                    .flatMap(FileObject::file);
            if (file.isEmpty()) {
                continue;
            }
            String target = ref.string("target").orElse(source);
            target = target.startsWith("/") ? target : baseDir + target;
            out.add(new MountSpec("bind", file, target, true, Optional.empty(), false, Optional.empty(),
                    Optional.empty(), false, Map.of()));
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> cast(Map<?, ?> map) {
        return (Map<String, ?>) map;
    }
}

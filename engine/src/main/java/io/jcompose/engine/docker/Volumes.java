package io.jcompose.engine.docker;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.BindOptions;
import com.github.dockerjava.api.model.BindPropagation;
import com.github.dockerjava.api.model.Mount;
import com.github.dockerjava.api.model.MountType;
import com.github.dockerjava.api.model.TmpfsOptions;
import com.github.dockerjava.api.model.Volume;
import com.github.dockerjava.api.model.VolumeOptions;
import io.jcompose.engine.spi.ContainerSpec.MountSpec;
import io.jcompose.engine.spi.RuntimeFailureException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a container's mounts between the Engine API's two ways, as docker compose does: the legacy {@code Binds}
 * strings where they can say it all (they are the only way to have a missing host path created), the {@code Mounts}
 * objects for everything else (anonymous volumes, tmpfs, nocopy, labels, strict binds).
 */
final class Volumes {

    private Volumes() {
    }

    static List<Bind> binds(List<MountSpec> mounts) {
        return mounts.stream().filter(Volumes::asBind).map(m -> new Bind(m.source().orElseThrow(),
                new Volume(m.target()), m.readOnly() ? AccessMode.ro : AccessMode.rw)).toList();
    }

    static List<Mount> mounts(List<MountSpec> mounts) {
        List<Mount> out = new ArrayList<>();
        for (MountSpec m : mounts) {
            if (!asBind(m)) {
                out.add(mount(m));
            }
        }
        return out;
    }

    private static boolean asBind(MountSpec m) {
        return switch (m.type()) {
            case "bind" -> m.createHostPath() && m.propagation().isEmpty();
            case "volume" -> m.source().isPresent() && !m.noCopy() && m.subpath().isEmpty()
                    && m.volumeLabels().isEmpty();
            default -> false;
        };
    }

    private static Mount mount(MountSpec m) {
        Mount mount = new Mount().withTarget(m.target()).withReadOnly(m.readOnly());
        m.source().ifPresent(mount::withSource);
        switch (m.type()) {
            case "bind" -> {
                mount.withType(MountType.BIND);
                m.propagation().ifPresent(p -> mount.withBindOptions(new BindOptions()
                        .withPropagation(propagation(p, m.target()))));
            }
            case "volume" -> {
                if (m.subpath().isPresent()) {
                    throw new RuntimeFailureException("volume subpath \"" + m.subpath().get() + "\" at " + m.target()
                            + " is not supported by the docker backend yet (it needs Engine API 1.45)");
                }
                mount.withType(MountType.VOLUME);
                if (m.noCopy() || !m.volumeLabels().isEmpty()) {
                    mount.withVolumeOptions(new VolumeOptions().withNoCopy(m.noCopy() ? Boolean.TRUE : null)
                            .withLabels(m.volumeLabels().isEmpty() ? null : m.volumeLabels()));
                }
            }
            case "tmpfs" -> {
                mount.withType(MountType.TMPFS);
                m.tmpfsSize().ifPresent(size -> mount.withTmpfsOptions(new TmpfsOptions().withSizeBytes(size)));
            }
            case "npipe" -> mount.withType(MountType.NPIPE);
            default -> throw new RuntimeFailureException("mount type \"" + m.type() + "\" at " + m.target()
                    + " is not supported by the docker backend (expected bind, volume, tmpfs or npipe)");
        }
        return mount;
    }

    private static BindPropagation propagation(String text, String target) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "private" -> BindPropagation.PRIVATE;
            case "rprivate" -> BindPropagation.R_PRIVATE;
            case "shared" -> BindPropagation.SHARED;
            case "rshared" -> BindPropagation.R_SHARED;
            case "slave" -> BindPropagation.SLAVE;
            case "rslave" -> BindPropagation.R_SLAVE;
            default -> throw new RuntimeFailureException("invalid bind propagation \"" + text + "\" at " + target
                    + " (expected private, rprivate, shared, rshared, slave or rslave)");
        };
    }
}

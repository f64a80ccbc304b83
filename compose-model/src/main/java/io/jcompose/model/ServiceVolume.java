package io.jcompose.model;

import java.util.Optional;

/** A mount of a service: a bind mount, a named or anonymous volume, a tmpfs. */
public record ServiceVolume(String type, Optional<String> source, String target, boolean readOnly,
                            boolean createHostPath, Optional<String> propagation, Optional<String> selinux,
                            boolean noCopy, Optional<String> subpath, Optional<Long> tmpfsSize) {

    static ServiceVolume from(Attributes a) {
        Attributes bind = a.object("bind").orElse(new Attributes(java.util.Map.of()));
        Attributes volume = a.object("volume").orElse(new Attributes(java.util.Map.of()));
        Attributes tmpfs = a.object("tmpfs").orElse(new Attributes(java.util.Map.of()));
        return new ServiceVolume(a.string("type").orElse("volume"), a.string("source"), a.string("target").orElse(""),
                a.bool("read_only"), bind.bool("create_host_path"), bind.string("propagation"),
                bind.string("selinux"), volume.bool("nocopy"), volume.string("subpath"), tmpfs.number("size"));
    }

    /** A volume with no source: it gets a generated name and lives as long as its container. */
    public boolean isAnonymous() {
        return type.equals("volume") && source.isEmpty();
    }
}

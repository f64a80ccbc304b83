package io.jcompose.cli.command.objects;

import io.jcompose.engine.linux.LinuxBackend;
import io.jcompose.engine.linux.container.ContainerRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Which containers (running or not) mount each volume: a volume without any is dangling, and may be pruned. */
public final class VolumeUse {

    private final Map<String, List<String>> users = new HashMap<>();

    private VolumeUse() {
    }

    public static VolumeUse of(LinuxBackend linux) {
        VolumeUse use = new VolumeUse();
        for (ContainerRecord r : linux.linuxContainers().store().list()) {
            for (String v : r.volumes()) {
                use.users.computeIfAbsent(v, k -> new ArrayList<>()).add(r.id());
            }
        }
        return use;
    }

    public boolean inUse(String volume) {
        return users.containsKey(volume);
    }

    public List<String> users(String volume) {
        return users.getOrDefault(volume, List.of());
    }
}

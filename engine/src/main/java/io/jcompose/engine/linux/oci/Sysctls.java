package io.jcompose.engine.linux.oci;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code sysctls} a container may set: only those the kernel keeps per namespace (IPC ones in a private IPC
 * namespace, {@code net.*} in a private network namespace), as Docker allows; anything else would change the host.
 */
public final class Sysctls {

    private static final Set<String> IPC = Set.of("kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem",
            "kernel.shmall", "kernel.shmmax", "kernel.shmmni", "kernel.shm_rmid_forced");

    private Sysctls() {
    }

    public static Map<String, String> checked(Map<String, String> sysctls, boolean hostIpc, boolean hostNetwork) {
        for (String name : sysctls.keySet()) {
            if (IPC.contains(name) || name.startsWith("fs.mqueue.")) {
                if (hostIpc) {
                    throw new OciConfigException("sysctls: " + name + " cannot be set with ipc: host");
                }
            } else if (name.startsWith("net.")) {
                if (hostNetwork) {
                    throw new OciConfigException("sysctls: " + name + " cannot be set with network_mode: host");
                }
            } else {
                throw new OciConfigException("sysctls: " + name + " is not namespaced, so a container cannot set it"
                        + " (expected net.*, fs.mqueue.* or kernel IPC settings)");
            }
        }
        return new TreeMap<>(sysctls);
    }
}

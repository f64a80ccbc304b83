package io.jcompose.engine.linux.oci;

import io.jcompose.engine.linux.image.ImageConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A process's environment as Docker builds it: its defaults, then the image's ENV, then the service's. */
public final class ContainerEnv {

    /** Docker's PATH for Linux containers whose image and service set none. */
    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private ContainerEnv() {
    }

    /**
     * {@code PATH}, {@code HOSTNAME} and (with a tty) {@code TERM=xterm} first, each overridable; then the image's
     * ENV; then {@code environment} (later wins, order of first appearance kept); {@code HOME} from the user's
     * passwd entry unless set, which is what the runtimes do too.
     */
    public static List<String> of(ImageConfig image, Map<String, String> environment, String hostname, boolean tty,
                                  String home) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", DEFAULT_PATH);
        env.put("HOSTNAME", hostname);
        if (tty) {
            env.put("TERM", "xterm");
        }
        env.putAll(image.envMap());
        env.putAll(environment);
        env.putIfAbsent("HOME", home);
        List<String> out = new ArrayList<>(env.size());
        env.forEach((k, v) -> out.add(k + "=" + v));
        return List.copyOf(out);
    }
}

package io.jcompose.cli.command.objects;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code --label k=v} and {@code -o k=v} flags as a map; a flag without {@code =} is a key with an empty value. */
public final class KeyValues {

    private KeyValues() {
    }

    public static Map<String, String> parse(List<String> flags) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String flag : flags == null ? List.<String>of() : flags) {
            int eq = flag.indexOf('=');
            out.put(eq < 0 ? flag : flag.substring(0, eq), eq < 0 ? "" : flag.substring(eq + 1));
        }
        return out;
    }

    /** Labels as {@code volume ls --format json} writes them: {@code k=v,k2=v2}. */
    public static String joined(Map<String, String> labels) {
        StringBuilder out = new StringBuilder();
        labels.forEach((k, v) -> out.append(out.isEmpty() ? "" : ",").append(k).append('=').append(v));
        return out.toString();
    }
}

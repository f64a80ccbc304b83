package io.jcompose.cli.command.objects;

import io.jcompose.cli.UsageException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code KEY=VAL} flags as maps, the two ways the docker CLI reads them: labels and options ({@code --label k},
 * a key alone, has an empty value) and environments and build arguments ({@code -e K}, a key alone, takes the value
 * K has in jcompose's own environment, or is left out).
 */
public final class KeyValues {

    private KeyValues() {
    }

    /** {@code --label}, {@code -o}: a key alone has an empty value; {@code =v} is an error naming {@code flag}. */
    public static Map<String, String> parse(List<String> flags, String flag) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String f : flags == null ? List.<String>of() : flags) {
            int eq = f.indexOf('=');
            if (eq == 0) {
                throw new UsageException("invalid argument \"" + f + "\" for \"" + flag + "\" flag");
            }
            out.put(eq < 0 ? f : f.substring(0, eq), eq < 0 ? "" : f.substring(eq + 1));
        }
        return out;
    }

    /** {@code -e}, {@code --build-arg}: a key alone takes its value from {@code env}, or is left out. */
    public static Map<String, String> withEnvironment(List<String> flags, Map<String, String> env) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String f : flags) {
            int eq = f.indexOf('=');
            if (eq == 0) {
                throw new UsageException("invalid \"" + f + "\" (expected KEY=VAL)");
            }
            if (eq < 0) {
                String key = f.strip();
                if (env.containsKey(key)) {
                    out.put(key, env.get(key));
                }
            } else {
                out.put(f.substring(0, eq), f.substring(eq + 1));
            }
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

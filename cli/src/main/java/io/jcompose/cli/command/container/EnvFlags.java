package io.jcompose.cli.command.container;

import io.jcompose.cli.UsageException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A container's environment from {@code --env-file} files and then {@code -e} flags, as {@code docker run} merges
 * them: {@code KEY=VAL} sets, a bare {@code KEY} takes the value jcompose itself has (or is left out).
 */
final class EnvFlags {

    private EnvFlags() {
    }

    static Map<String, String> of(List<String> files, List<String> flags, Map<String, String> own, Path cwd) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String file : files) {
            Path path = cwd.resolve(file);
            try {
                for (String line : Files.readAllLines(path)) {
                    String entry = line.stripLeading();
                    // docker's env files have no quoting: the rest of the line is the value, comments are whole lines
                    if (!entry.isEmpty() && !entry.startsWith("#")) {
                        put(out, entry, own);
                    }
                }
            } catch (IOException e) {
                throw new UsageException("open " + file + ": no such file or directory");
            }
        }
        for (String flag : flags) {
            put(out, flag, own);
        }
        return out;
    }

    private static void put(Map<String, String> out, String entry, Map<String, String> own) {
        int eq = entry.indexOf('=');
        if (eq == 0) {
            throw new UsageException("invalid environment variable: " + entry);
        }
        if (eq < 0) {
            String key = entry.strip();
            if (own.containsKey(key)) {
                out.put(key, own.get(key));
            }
        } else {
            out.put(entry.substring(0, eq), entry.substring(eq + 1));
        }
    }
}

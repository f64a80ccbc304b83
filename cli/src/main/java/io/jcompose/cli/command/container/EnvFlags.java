package io.jcompose.cli.command.container;

import io.jcompose.cli.UsageException;
import io.jcompose.cli.command.objects.KeyValues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
        List<String> entries = new ArrayList<>();
        for (String file : files) {
            Path path = cwd.resolve(file);
            try {
                for (String line : Files.readAllLines(path)) {
                    String entry = line.stripLeading();
                    // docker's env files have no quoting: the rest of the line is the value, comments are whole lines
                    if (!entry.isEmpty() && !entry.startsWith("#")) {
                        entries.add(entry);
                    }
                }
            } catch (IOException e) {
                throw new UsageException("open " + file + ": no such file or directory");
            }
        }
        entries.addAll(flags);
        return KeyValues.withEnvironment(entries, own);
    }
}

package io.jcompose.model.load;

import io.jcompose.model.source.ComposeFileException;
import java.util.Locale;
import java.util.regex.Pattern;

/** Project names as docker compose accepts them: lowercase letters, digits, {@code _} and {@code -}. */
public final class ProjectNames {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    private ProjectNames() {
    }

    public static boolean isValid(String name) {
        return VALID.matcher(name).matches();
    }

    /** Lowercases, drops every other character, and strips leading {@code _}/{@code -}. */
    public static String normalize(String name) {
        String lower = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "");
        return lower.replaceFirst("^[_-]+", "");
    }

    /** Rejects a name given explicitly ({@code -p}, {@code COMPOSE_PROJECT_NAME}) that is not already valid. */
    public static String requireValid(String name, String source) {
        if (!isValid(name)) {
            throw ComposeFileException.of("invalid project name \"" + name + "\" from " + source
                    + ": use lowercase letters, digits, '_' and '-', starting with a letter or digit");
        }
        return name;
    }
}

package io.jcompose.engine.linux.oci;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What {@code security_opt} asks for, parsed as Docker parses it ({@code key=value}, the older {@code key:value},
 * and the bare {@code no-new-privileges}).
 *
 * @param unmaskedPaths {@code systempaths=unconfined}: no masked or read-only paths under /proc and /sys
 */
public record SecurityOptions(boolean noNewPrivileges, SeccompChoice seccomp, boolean unmaskedPaths) {

    /** Which seccomp filter a container asks for. */
    public sealed interface SeccompChoice {
    }

    /** The built-in default profile. */
    public record DefaultSeccomp() implements SeccompChoice {
    }

    /** {@code seccomp=unconfined}: no filter. */
    public record Unconfined() implements SeccompChoice {
    }

    /** {@code seccomp=<file>}: a profile in Docker's JSON format. */
    public record ProfileFile(Path path) implements SeccompChoice {
    }

    public static SecurityOptions parse(List<String> options) {
        boolean noNewPrivileges = false;
        SeccompChoice seccomp = new DefaultSeccomp();
        boolean unmasked = false;
        for (String option : options) {
            int eq = option.indexOf('=');
            int sep = eq >= 0 ? eq : option.indexOf(':');
            String key = (sep < 0 ? option : option.substring(0, sep)).strip().toLowerCase(Locale.ROOT);
            String value = sep < 0 ? "" : option.substring(sep + 1).strip();
            switch (key) {
                case "no-new-privileges" -> noNewPrivileges = switch (value.toLowerCase(Locale.ROOT)) {
                    case "", "true" -> true;
                    case "false" -> false;
                    default -> throw invalid(option, "no-new-privileges[:true|false]");
                };
                case "seccomp" -> {
                    if (value.isEmpty()) {
                        throw invalid(option, "seccomp=unconfined or seccomp=<profile.json>");
                    }
                    seccomp = value.equals("unconfined") ? new Unconfined()
                            : new ProfileFile(Path.of(value).toAbsolutePath());
                }
                case "systempaths" -> {
                    if (!value.equals("unconfined")) {
                        throw invalid(option, "systempaths=unconfined");
                    }
                    unmasked = true;
                }
                // this host has neither AppArmor nor SELinux enforcing: Docker ignores these there too
                case "apparmor", "label" -> {
                    if (value.isEmpty()) {
                        throw invalid(option, key + "=<value>");
                    }
                }
                default -> throw invalid(option, "no-new-privileges, seccomp=…, systempaths=unconfined,"
                        + " apparmor=… or label=…");
            }
        }
        return new SecurityOptions(noNewPrivileges, seccomp, unmasked);
    }

    private static OciConfigException invalid(String option, String expected) {
        return new OciConfigException("security_opt: invalid option \"" + option + "\" (expected " + expected + ")");
    }
}

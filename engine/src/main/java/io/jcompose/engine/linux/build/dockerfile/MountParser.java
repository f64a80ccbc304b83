package io.jcompose.engine.linux.build.dockerfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The value of a {@code RUN --mount=}: comma-separated {@code key=value} fields (double quotes around a field keep
 * its commas), read into a {@link Mount} with BuildKit's defaults.
 */
final class MountParser {

    private final Function<String, DockerfileException> fail;

    MountParser(Function<String, DockerfileException> fail) {
        this.fail = fail;
    }

    Mount parse(String value) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : fields(value)) {
            int eq = field.indexOf('=');
            String key = (eq < 0 ? field : field.substring(0, eq)).strip().toLowerCase(Locale.ROOT);
            String v = eq < 0 ? null : field.substring(eq + 1);
            String canonical = switch (key) {
                case "type", "from", "id", "sharing", "mode", "uid", "gid", "size", "env", "required" -> key;
                case "source", "src" -> "source";
                case "target", "dst", "destination" -> "target";
                case "readonly", "ro" -> "readonly";
                case "readwrite", "rw" -> {
                    // rw is readonly's opposite: store it as readonly with the value turned around
                    v = v == null ? "false" : String.valueOf(!bool(key, v));
                    yield "readonly";
                }
                default -> throw fail.apply("--mount: unexpected key '" + key + "' in '" + field + "'");
            };
            if (v == null && !canonical.equals("readonly") && !canonical.equals("required")) {
                throw fail.apply("--mount: invalid field '" + field + "' must be a key=value pair");
            }
            fields.put(canonical, v == null ? "true" : v);
        }
        String type = fields.getOrDefault("type", "bind").toLowerCase(Locale.ROOT);
        Optional<String> target = Optional.ofNullable(fields.get("target"));
        Optional<String> source = Optional.ofNullable(fields.get("source"));
        Optional<String> from = Optional.ofNullable(fields.get("from"));
        boolean readOnly = fields.containsKey("readonly") && bool("readonly", fields.get("readonly"));
        boolean required = fields.containsKey("required") && bool("required", fields.get("required"));
        return switch (type) {
            case "bind" -> {
                only(fields, type, "type", "target", "source", "from", "readonly");
                // a bind mount is read-only unless rw says otherwise
                boolean writable = fields.containsKey("readonly") && !readOnly;
                yield new Mount.Bind(required(target, type), source, from, writable);
            }
            case "cache" -> {
                only(fields, type, "type", "target", "source", "from", "readonly", "id", "sharing", "mode", "uid",
                        "gid");
                String path = required(target, type);
                Mount.Sharing sharing = switch (fields.getOrDefault("sharing", "shared").toLowerCase(Locale.ROOT)) {
                    case "shared" -> Mount.Sharing.SHARED;
                    case "private" -> Mount.Sharing.PRIVATE;
                    case "locked" -> Mount.Sharing.LOCKED;
                    default -> throw fail.apply("--mount: unrecognized sharing mode '" + fields.get("sharing")
                            + "' (shared, private or locked)");
                };
                yield new Mount.Cache(path, fields.getOrDefault("id", path), sharing, from, source, readOnly,
                        octal(fields, 0755), number(fields, "uid", 0), number(fields, "gid", 0));
            }
            case "tmpfs" -> {
                only(fields, type, "type", "target", "size");
                yield new Mount.Tmpfs(required(target, type), Optional.ofNullable(fields.get("size")).map(this::size));
            }
            case "secret" -> {
                only(fields, type, "type", "target", "id", "env", "required", "mode", "uid", "gid");
                Optional<String> env = Optional.ofNullable(fields.get("env"));
                String id = Optional.ofNullable(fields.get("id"))
                        .or(() -> target.map(t -> t.substring(t.lastIndexOf('/') + 1)))
                        .filter(s -> !s.isEmpty())
                        .orElseThrow(() -> fail.apply("--mount: a secret mount needs an id or a target"));
                // with env alone the secret is only an environment variable, as BuildKit has it
                Optional<String> file = target.isPresent() || env.isPresent() ? target
                        : Optional.of("/run/secrets/" + id);
                yield new Mount.Secret(id, file, env, required, octal(fields, 0400), number(fields, "uid", 0),
                        number(fields, "gid", 0));
            }
            case "ssh" -> {
                only(fields, type, "type", "target", "id", "required", "mode", "uid", "gid");
                yield new Mount.Ssh(fields.getOrDefault("id", "default"), target, required, octal(fields, 0600),
                        number(fields, "uid", 0), number(fields, "gid", 0));
            }
            default -> throw fail.apply("--mount: unsupported mount type '" + type
                    + "' (bind, cache, tmpfs, secret or ssh)");
        };
    }

    /** The fields of a CSV line: a field that starts with a double quote runs to the closing one, {@code ""} in it is a quote. */
    private List<String> fields(String value) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        boolean quoted = false;
        while (i <= value.length()) {
            if (i == value.length()) {
                if (quoted) {
                    throw fail.apply("--mount: unterminated quote in '" + value + "'");
                }
                out.add(field.toString());
                break;
            }
            char ch = value.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < value.length() && value.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"' && field.isEmpty()) {
                quoted = true;
            } else if (ch == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
            i++;
        }
        out.removeIf(String::isBlank);
        return out;
    }

    private void only(Map<String, String> fields, String type, String... allowed) {
        for (String key : fields.keySet()) {
            if (!List.of(allowed).contains(key)) {
                throw fail.apply("--mount: option '" + key + "' does not apply to a " + type + " mount");
            }
        }
    }

    private String required(Optional<String> target, String type) {
        return target.filter(t -> !t.isEmpty())
                .orElseThrow(() -> fail.apply("--mount: a " + type + " mount needs a target"));
    }

    private boolean bool(String key, String v) {
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw fail.apply("--mount: invalid value for " + key + ": " + v);
        };
    }

    private int octal(Map<String, String> fields, int otherwise) {
        String v = fields.get("mode");
        try {
            return v == null ? otherwise : Integer.parseInt(v, 8);
        } catch (NumberFormatException e) {
            throw fail.apply("--mount: invalid mode '" + v + "': an octal number is expected");
        }
    }

    private int number(Map<String, String> fields, String key, int otherwise) {
        String v = fields.get(key);
        try {
            return v == null ? otherwise : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw fail.apply("--mount: invalid " + key + " '" + v + "'");
        }
    }

    /** A size as Docker writes memory: a number with an optional b, k, m, g or t (powers of 1024). */
    private long size(String v) {
        String s = v.strip().toLowerCase(Locale.ROOT);
        if (s.endsWith("ib")) {
            s = s.substring(0, s.length() - 2);
        } else if (s.length() > 1 && s.endsWith("b")) {
            s = s.substring(0, s.length() - 1);
        }
        long unit = 1;
        if (!s.isEmpty() && "kmgt".indexOf(s.charAt(s.length() - 1)) >= 0) {
            unit = 1L << (10 * ("kmgt".indexOf(s.charAt(s.length() - 1)) + 1));
            s = s.substring(0, s.length() - 1);
        }
        try {
            return Math.round(Double.parseDouble(s) * unit);
        } catch (NumberFormatException e) {
            throw fail.apply("--mount: invalid size '" + v + "'");
        }
    }
}

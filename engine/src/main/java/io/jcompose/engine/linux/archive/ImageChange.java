package io.jcompose.engine.linux.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code --change} of {@code image import}: a Dockerfile instruction that sets part of the image's config
 * ({@code CMD}, {@code ENTRYPOINT}, {@code ENV}, {@code EXPOSE}, {@code LABEL}, {@code STOPSIGNAL}, {@code USER},
 * {@code VOLUME}, {@code WORKDIR}).
 */
public sealed interface ImageChange {

    /** The instructions, as error messages list them. */
    List<String> SUPPORTED = List.of("CMD", "ENTRYPOINT", "ENV", "EXPOSE", "LABEL", "STOPSIGNAL", "USER", "VOLUME",
            "WORKDIR");

    /** Applies the change to the {@code config} object of an image config document. */
    void applyTo(ObjectNode config);

    record Cmd(List<String> command) implements ImageChange {
        public Cmd {
            command = List.copyOf(command);
        }

        @Override
        public void applyTo(ObjectNode config) {
            strings(config.putArray("Cmd"), command);
        }
    }

    record Entrypoint(List<String> command) implements ImageChange {
        public Entrypoint {
            command = List.copyOf(command);
        }

        @Override
        public void applyTo(ObjectNode config) {
            strings(config.putArray("Entrypoint"), command);
        }
    }

    /** Variables to set; a variable already in the image is replaced where it stands. */
    record Env(Map<String, String> variables) implements ImageChange {
        public Env {
            variables = Collections.unmodifiableMap(new LinkedHashMap<>(variables));
        }

        @Override
        public void applyTo(ObjectNode config) {
            Map<String, String> env = new LinkedHashMap<>();
            for (JsonNode entry : config.path("Env")) {
                String text = entry.asText();
                int eq = text.indexOf('=');
                env.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? "" : text.substring(eq + 1));
            }
            env.putAll(variables);
            ArrayNode array = config.putArray("Env");
            env.forEach((k, v) -> array.add(k + "=" + v));
        }
    }

    /** A working directory; a relative one is taken from the one set before (or {@code /}), as Dockerfiles do. */
    record Workdir(String path) implements ImageChange {
        @Override
        public void applyTo(ObjectNode config) {
            String base = config.path("WorkingDir").asText("");
            String resolved = path.startsWith("/") ? path
                    : (base.isEmpty() ? "/" : base.endsWith("/") ? base : base + "/") + path;
            config.put("WorkingDir", Path.of(resolved).normalize().toString());
        }
    }

    /** Ports as {@code number/protocol}. */
    record Expose(List<String> ports) implements ImageChange {
        public Expose {
            ports = List.copyOf(ports);
        }

        @Override
        public void applyTo(ObjectNode config) {
            ObjectNode exposed = config.has("ExposedPorts") && config.get("ExposedPorts").isObject()
                    ? (ObjectNode) config.get("ExposedPorts") : config.putObject("ExposedPorts");
            ports.forEach(exposed::putObject);
        }
    }

    record Volume(List<String> paths) implements ImageChange {
        public Volume {
            paths = List.copyOf(paths);
        }

        @Override
        public void applyTo(ObjectNode config) {
            ObjectNode volumes = config.has("Volumes") && config.get("Volumes").isObject()
                    ? (ObjectNode) config.get("Volumes") : config.putObject("Volumes");
            paths.forEach(volumes::putObject);
        }
    }

    record User(String user) implements ImageChange {
        @Override
        public void applyTo(ObjectNode config) {
            config.put("User", user);
        }
    }

    record Label(Map<String, String> labels) implements ImageChange {
        public Label {
            labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
        }

        @Override
        public void applyTo(ObjectNode config) {
            ObjectNode object = config.has("Labels") && config.get("Labels").isObject()
                    ? (ObjectNode) config.get("Labels") : config.putObject("Labels");
            labels.forEach(object::put);
        }
    }

    record StopSignal(String signal) implements ImageChange {
        @Override
        public void applyTo(ObjectNode config) {
            config.put("StopSignal", signal);
        }
    }

    /** Parses one instruction; an unknown or malformed one is an {@link IllegalArgumentException} saying why. */
    static ImageChange parse(String change) {
        String line = change.strip();
        int space = indexOfWhitespace(line);
        String keyword = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        String rest = space < 0 ? "" : line.substring(space).strip();
        if (rest.isEmpty() && SUPPORTED.contains(keyword)) {
            throw new IllegalArgumentException(keyword + " needs an argument (in --change \"" + change + "\")");
        }
        return switch (keyword) {
            case "CMD" -> new Cmd(command(rest));
            case "ENTRYPOINT" -> new Entrypoint(command(rest));
            case "ENV" -> new Env(pairs("ENV", rest, true));
            case "LABEL" -> new Label(pairs("LABEL", rest, false));
            case "WORKDIR" -> new Workdir(rest);
            case "USER" -> new User(rest);
            case "STOPSIGNAL" -> new StopSignal(rest);
            case "EXPOSE" -> new Expose(ports(rest));
            case "VOLUME" -> new Volume(volumes(rest));
            default -> throw new IllegalArgumentException("--change \"" + change + "\": " + (keyword.isEmpty()
                    ? "no instruction" : keyword + " is not an instruction image import can apply")
                    + " (supported: " + String.join(", ", SUPPORTED) + ")");
        };
    }

    // ---- parsing helpers -----------------------------------------------------------------------------------------

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(array::add);
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    /** The exec form {@code ["a","b"]} as is; anything else (shell form) runs through {@code /bin/sh -c}. */
    private static List<String> command(String rest) {
        return jsonStrings(rest).orElseGet(() -> List.of("/bin/sh", "-c", rest));
    }

    private static Optional<List<String>> jsonStrings(String text) {
        if (!text.startsWith("[")) {
            return Optional.empty();
        }
        try {
            JsonNode node = new ObjectMapper().readTree(text);
            List<String> values = new ArrayList<>();
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    return Optional.empty();
                }
                values.add(item.asText());
            }
            return node.isArray() ? Optional.of(values) : Optional.empty();
        } catch (IOException e) {
            // not JSON: Dockerfiles then take the text as shell form
            return Optional.empty();
        }
    }

    /**
     * {@code k=v k2="v 2"} pairs; for ENV also the legacy {@code k v w} form, where the value is the rest of the
     * line.
     */
    private static Map<String, String> pairs(String keyword, String rest, boolean legacyForm) {
        List<String> words = words(rest);
        Map<String, String> pairs = new LinkedHashMap<>();
        if (legacyForm && !words.getFirst().contains("=")) {
            int space = indexOfWhitespace(rest);
            if (space < 0) {
                throw new IllegalArgumentException(keyword + " " + rest + ": a variable needs a value (" + keyword
                        + " name=value or " + keyword + " name value)");
            }
            pairs.put(words.getFirst(), rest.substring(space).strip());
            return pairs;
        }
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException(keyword + " " + rest + ": \"" + word + "\" is not name=value");
            }
            pairs.put(word.substring(0, eq), word.substring(eq + 1));
        }
        return pairs;
    }

    /** Splits on blanks outside quotes, removing the quotes; a backslash takes the next character as is. */
    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quote != '\'' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
                inWord = true;
            } else if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unterminated quote in \"" + text + "\"");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /** {@code 80}, {@code 53/udp}, {@code 8000-8002/tcp} as {@code number/protocol}, ranges expanded. */
    private static List<String> ports(String rest) {
        List<String> ports = new ArrayList<>();
        for (String spec : words(rest)) {
            int slash = spec.indexOf('/');
            String range = slash < 0 ? spec : spec.substring(0, slash);
            String protocol = slash < 0 ? "tcp" : spec.substring(slash + 1).toLowerCase(Locale.ROOT);
            if (!protocol.equals("tcp") && !protocol.equals("udp") && !protocol.equals("sctp")) {
                throw new IllegalArgumentException("EXPOSE " + spec + ": protocol must be tcp, udp or sctp");
            }
            int dash = range.indexOf('-');
            int first = port(spec, dash < 0 ? range : range.substring(0, dash));
            int last = dash < 0 ? first : port(spec, range.substring(dash + 1));
            if (last < first) {
                throw new IllegalArgumentException("EXPOSE " + spec + ": the range ends before it starts");
            }
            for (int p = first; p <= last; p++) {
                ports.add(p + "/" + protocol);
            }
        }
        return ports;
    }

    private static int port(String spec, String number) {
        try {
            int port = Integer.parseInt(number);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the whole spec
        }
        throw new IllegalArgumentException("EXPOSE " + spec + ": \"" + number + "\" is not a port number");
    }

    /** {@code ["/a","/b"]} or {@code /a /b}. */
    private static List<String> volumes(String rest) {
        List<String> paths = jsonStrings(rest).orElseGet(() -> words(rest));
        if (paths.isEmpty() || paths.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("VOLUME " + rest + ": volume paths may not be empty");
        }
        return paths;
    }
}

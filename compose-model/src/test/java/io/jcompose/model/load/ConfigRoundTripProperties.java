package io.jcompose.model.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcompose.model.Project;
import io.jcompose.model.emit.JsonEmitter;
import io.jcompose.model.emit.YamlEmitter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * The output of {@code config} (YAML, and JSON, which is YAML too) loads back to an equal document, over projects
 * generated with every short and long syntax the loader rewrites.
 */
class ConfigRoundTripProperties {

    private static Path root;

    @BeforeContainer
    static void createRoot() throws IOException {
        root = Files.createTempDirectory("jcompose-roundtrip");
    }

    @AfterContainer
    static void deleteRoot() throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<Map<String, Object>> projects() {
        return Arbitraries.randomValue(ProjectGenerator::project);
    }

    @Property(tries = 300)
    void config_yamlOutput_loadsBackToEqualDocument(@ForAll("projects") Map<String, Object> input) throws IOException {
        Project first = load(YamlEmitter.emit(input));
        Map<String, Object> document = first.document().values();

        Project yaml = load(configText(YamlEmitter.emit(document)));
        Project json = load(configText(JsonEmitter.emit(document)));

        assertThat(yaml.document().values()).isEqualTo(document);
        assertThat(json.document().values()).isEqualTo(document);
    }

    @Property(tries = 200)
    void config_outputOfOutput_isStable(@ForAll("projects") Map<String, Object> input) throws IOException {
        String once = YamlEmitter.emit(load(YamlEmitter.emit(input)).document().values());
        String twice = YamlEmitter.emit(load(configText(once)).document().values());

        assertThat(twice).isEqualTo(once);
    }

    /** docker compose doubles every {@code $} of its output so that loading it does not interpolate again. */
    private static String configText(String emitted) {
        return emitted.replace("$", "$$");
    }

    private static Project load(String text) throws IOException {
        Path dir = Files.createTempDirectory(root, "p");
        Files.writeString(dir.resolve("compose.yaml"), text);
        return ProjectLoader.load(LoadOptions.in(dir).withEnvironment(Map.of("SHELL_VAR", "from-shell",
                "HOME", "/home/tester")));
    }

    /** Random compose projects, as plain values, in the many shapes a user may write. */
    static final class ProjectGenerator {

        private final Random random;

        private ProjectGenerator(Random random) {
            this.random = random;
        }

        static Map<String, Object> project(Random random) {
            return new ProjectGenerator(random).project();
        }

        private Map<String, Object> project() {
            Map<String, Object> project = new LinkedHashMap<>();
            project.put("name", "p" + random.nextInt(1000));
            List<String> names = new ArrayList<>();
            int count = 1 + random.nextInt(4);
            for (int i = 0; i < count; i++) {
                names.add("svc" + i + pick("", "-x", "_y", ".z"));
            }
            Map<String, Object> services = new LinkedHashMap<>();
            for (int i = 0; i < names.size(); i++) {
                services.put(names.get(i), service(names.subList(0, i)));
            }
            project.put("services", services);
            project.put("networks", map("front", maybe(Map.of("driver", "bridge")), "back",
                    Map.of("labels", List.of("a=1"))));
            project.put("volumes", map("data", maybe(Map.of("labels", Map.of("v", 1))), "cache",
                    Map.of("external", true)));
            project.put("secrets", Map.of("token", Map.of("environment", "SHELL_VAR")));
            project.put("configs", Map.of("conf", Map.of("content", text())));
            if (random.nextBoolean()) {
                project.put("x-extra", extension(2));
            }
            return project;
        }

        private Map<String, Object> service(List<String> earlier) {
            Map<String, Object> s = new LinkedHashMap<>();
            if (random.nextInt(4) == 0) {
                s.put("build", random.nextBoolean() ? pick(".", "./ctx", "../up")
                        : Map.of("context", ".", "args", pick(List.of("A=1", "B"), Map.of("A", 1))));
            } else {
                s.put("image", pick("nginx", "redis:7", "registry.example.com:5000/app@sha256:abc"));
            }
            maybePut(s, "ports", () -> list(this::port));
            maybePut(s, "volumes", () -> list(this::volume));
            maybePut(s, "environment", () -> random.nextBoolean() ? keyValueList(true) : keyValueMap());
            maybePut(s, "labels", () -> random.nextBoolean() ? keyValueList(false) : keyValueMap());
            maybePut(s, "command", this::command);
            maybePut(s, "entrypoint", this::command);
            maybePut(s, "healthcheck", () -> Map.of("test", pick("curl -f localhost", List.of("CMD", text()),
                    List.of("NONE")), "interval", pick("10s", "1m30s", "90s"),
                    "retries", random.nextInt(5)));
            maybePut(s, "networks", () -> random.nextBoolean() ? List.of("front")
                    : Map.of("back", Map.of("aliases", List.of("alias-" + random.nextInt(9)))));
            maybePut(s, "extra_hosts", () -> pick(List.of("db:10.0.0.2", "v6=::1"), Map.of("api", "10.0.0.3")));
            maybePut(s, "secrets", () -> List.of(pick("token", Map.of("source", "token", "mode", "0440"))));
            maybePut(s, "configs", () -> List.of("conf"));
            maybePut(s, "mem_limit", () -> pick("512m", 1024, "1.5g"));
            maybePut(s, "stop_grace_period", () -> pick("5s", "1m", "500ms"));
            maybePut(s, "cap_add", () -> List.of("NET_ADMIN"));
            maybePut(s, "restart", () -> pick("always", "no", "on-failure:3"));
            maybePut(s, "x-meta", () -> extension(2));
            if (!earlier.isEmpty() && random.nextBoolean()) {
                String dep = earlier.get(random.nextInt(earlier.size()));
                s.put(pick("depends_on", "links", "volumes_from"), List.of(dep));
            }
            return s;
        }

        private Object port() {
            int port = 1 + random.nextInt(65000);
            return pick(port, String.valueOf(port), port + ":" + (1 + random.nextInt(9000)),
                    "127.0.0.1:" + port + ":80/udp", "[::1]::" + port, "9000-9002:" + "7000-7002",
                    Map.of("target", port, "published", 8080, "protocol", "udp"));
        }

        private Object volume() {
            return pick("/data" + random.nextInt(9), "data:/var/" + random.nextInt(99) + ":ro",
                    "./src:/src" + random.nextInt(9) + ":z", "~/x:/home" + random.nextInt(9),
                    Map.of("type", "tmpfs", "target", "/tmp" + random.nextInt(9), "tmpfs", Map.of("size", "64m")),
                    Map.of("type", "bind", "source", "../b", "target", "/b" + random.nextInt(9)));
        }

        private Object command() {
            return random.nextBoolean() ? pick("echo hi", "sh -c 'echo \"$$HOME\"'", "run --flag=1 a\\ b", "")
                    : List.of("sh", "-c", text());
        }

        private List<String> keyValueList(boolean bareAllowed) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(3); i++) {
                String key = key(i);
                out.add(bareAllowed && random.nextInt(4) == 0 ? pick(key, "SHELL_VAR") : key + "=" + text());
            }
            return out;
        }

        private Map<String, Object> keyValueMap() {
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < 1 + random.nextInt(3); i++) {
                out.put(key(i), pick(text(), random.nextInt(100), random.nextBoolean(), "", 1.5));
                if (random.nextInt(5) == 0) {
                    out.put(key(i), null);
                }
            }
            return out;
        }

        private String key(int i) {
            return pick("K", "key.with.dots", "under_score", "Mixed-Case") + i;
        }

        /** Text with the characters that stress quoting: colons, hashes, quotes, escapes, unicode, newlines. */
        private String text() {
            String alphabet = "ab :#'\"\\{}[],&*!|>%@`?-é中\t\n$0123456789.";
            StringBuilder out = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                out.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String raw = pick(out.toString(), "true", "null", "0755", "1e3", "~", "- x", "x: y", " pad ");
            return raw.replace("$", "$$");
        }

        private Object extension(int depth) {
            if (depth == 0) {
                return random.nextInt(5) == 0 ? null : pick(text(), random.nextInt(), true, 2.5);
            }
            return pick(map("k" + random.nextInt(5), extension(depth - 1)),
                    java.util.Arrays.asList(extension(depth - 1), extension(depth - 1)), text());
        }

        private List<Object> list(java.util.function.Supplier<Object> item) {
            List<Object> out = new ArrayList<>();
            for (int i = 0; i < 1 + random.nextInt(3); i++) {
                out.add(item.get());
            }
            return out;
        }

        private void maybePut(Map<String, Object> map, String key, java.util.function.Supplier<Object> value) {
            if (random.nextInt(3) == 0) {
                map.put(key, value.get());
            }
        }

        /** A mapping that, unlike Map.of, takes null values. */
        private static Map<String, Object> map(Object... keysAndValues) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (int i = 0; i < keysAndValues.length; i += 2) {
                out.put((String) keysAndValues[i], keysAndValues[i + 1]);
            }
            return out;
        }

        private Object maybe(Object value) {
            return random.nextBoolean() ? value : null;
        }

        @SafeVarargs
        private <T> T pick(T... options) {
            return options[random.nextInt(options.length)];
        }
    }
}

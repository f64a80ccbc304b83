package io.jcompose.model.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jcompose.model.emit.YamlEmitter;
import io.jcompose.model.source.ComposeFileException;
import io.jcompose.model.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
 * Valid compose files, damaged at random (nodes deleted, duplicated, retagged or swapped for other kinds; text cut,
 * spliced and sprinkled with YAML punctuation), either load or fail with a {@link ComposeFileException} whose
 * message is one line per problem, and never take long.
 */
class MutationProperties {

    private static final List<String> SEEDS = List.of("""
            name: shop
            x-common: &common
              restart: unless-stopped
              environment: &env {A: "1"}
            services:
              web:
                <<: *common
                image: "nginx:${TAG:-latest}"
                build: {context: ., args: [A=1]}
                ports: ["8080:80", "127.0.0.1:9000-9001:9000-9001/udp", {target: 443, published: 8443}]
                volumes: ["./html:/usr/share/nginx/html:ro", "data:/data", {type: tmpfs, target: /tmp}]
                environment: [B=2, SHELL_VAR]
                env_file: [{path: app.env, required: false}]
                depends_on: {db: {condition: service_healthy}}
                networks: {front: {aliases: [www]}, back: }
                healthcheck: {test: curl -f http://localhost, interval: 30s}
                command: nginx -g 'daemon off;'
                secrets: [token]
                labels: {a: b}
                extra_hosts: ["db:10.0.0.2"]
              db:
                image: postgres
                extends: {file: base.yaml, service: base}
                profiles: [db]
                deploy: {replicas: 1, resources: {limits: {memory: 512m, cpus: "0.5"}}}
            networks:
              front: {}
              back: {driver: bridge, ipam: {config: [{subnet: 10.0.0.0/24}]}}
            volumes:
              data: {labels: [x=y]}
            secrets:
              token: {file: ./token.txt}
            """, """
            include:
              - path: inc.yaml
                env_file: inc.env
            services:
              worker:
                image: worker
                command: ["run", "--jobs", "$${JOBS}"]
                entrypoint: /entry.sh
                links: [cache]
                ulimits: {nofile: {soft: 1, hard: 2}, nproc: 3}
                logging: {driver: json-file, options: {max-size: 10m}}
                stop_grace_period: 1m30s
                x-custom: {nested: [1, 2, {three: 3}]}
            """, """
            services:
              a: {image: x, ports: !reset [], command: !override [a]}
              b: {extends: a, network_mode: "service:a", volumes_from: [a]}
            ---
            services:
              c: {image: y, depends_on: [a, b]}
            """);

    private static final String PUNCTUATION = ":-?[]{},#&*!|>'\"%@`$ \n\t\\~=./0123456789abc";

    private static Path root;

    @BeforeContainer
    static void createRoot() throws IOException {
        root = Files.createTempDirectory("jcompose-mutations");
    }

    @AfterContainer
    static void deleteRoot() throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Provide
    Arbitrary<String> mutants() {
        return Arbitraries.randomValue(random -> {
            String text = SEEDS.get(random.nextInt(SEEDS.size()));
            int rounds = 1 + random.nextInt(4);
            for (int i = 0; i < rounds; i++) {
                text = random.nextBoolean() ? mutateText(text, random) : mutateTree(text, random);
            }
            return text;
        });
    }

    @Property(tries = 600)
    void load_mutatedFile_succeedsOrFailsWithComposeFileException(@ForAll("mutants") String text) throws IOException {
        Path dir = Files.createTempDirectory(root, "m");
        Files.writeString(dir.resolve("compose.yaml"), text);
        Files.writeString(dir.resolve("base.yaml"), "services:\n  base: {image: b, build: ./b}\n");
        Files.writeString(dir.resolve("inc.yaml"), "services:\n  cache: {image: \"redis:${REDIS}\"}\n");
        Files.writeString(dir.resolve("inc.env"), "REDIS=7\n");
        LoadOptions options = LoadOptions.in(dir).withEnvironment(Map.of("SHELL_VAR", "x", "TAG", "1"));

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            try {
                ProjectLoader.load(options);
            } catch (ComposeFileException e) {
                assertThat(e.getMessage()).isNotBlank()
                        .doesNotContain("Exception").doesNotContain("java.").doesNotContain("\tat ");
                assertThat(e.getMessage().lines().toList()).hasSize(e.problems().size());
            }
        }, () -> "loading took too long:\n" + text);
    }

    private static String mutateText(String text, Random random) {
        List<String> lines = new ArrayList<>(text.lines().toList());
        if (lines.isEmpty()) {
            lines.add("");
        }
        int at = random.nextInt(Math.max(1, text.length()));
        return switch (random.nextInt(6)) {
            case 0 -> text.substring(0, at) + text.substring(Math.min(text.length(), at + 1 + random.nextInt(8)));
            case 1 -> text.substring(0, at) + randomChars(random) + text.substring(at);
            case 2 -> {
                int line = random.nextInt(lines.size());
                lines.add(line, lines.get(line));
                yield String.join("\n", lines);
            }
            case 3 -> {
                int a = random.nextInt(lines.size());
                int b = random.nextInt(lines.size());
                String t = lines.get(a);
                lines.set(a, lines.get(b));
                lines.set(b, t);
                yield String.join("\n", lines);
            }
            case 4 -> {
                int line = random.nextInt(lines.size());
                lines.set(line, " ".repeat(random.nextInt(7)) + lines.get(line).stripLeading());
                yield String.join("\n", lines);
            }
            default -> {
                int colon = text.indexOf(": ", at);
                String tag = List.of("!reset ", "!override ", "!!str ", "!!int ", "!custom ", "&x ", "*x ")
                        .get(random.nextInt(7));
                yield colon < 0 ? text : text.substring(0, colon + 2) + tag + text.substring(colon + 2);
            }
        };
    }

    private static String mutateTree(String text, Random random) {
        Object tree;
        try {
            tree = YamlReader.read(text, "seed").toPlain();
        } catch (ComposeFileException e) {
            return text;
        }
        if (!(tree instanceof Map<?, ?>)) {
            return text;
        }
        Object mutated = mutateNode(tree, random, 0);
        return mutated instanceof Map<?, ?> m ? YamlEmitter.emit(cast(m)) : text;
    }

    /** Walks down a random path and changes what it finds there. */
    private static Object mutateNode(Object node, Random random, int depth) {
        if (random.nextInt(4) == 0 || depth > 6) {
            return replacement(node, random);
        }
        if (node instanceof Map<?, ?> m && !m.isEmpty()) {
            Map<String, Object> copy = new LinkedHashMap<>(cast(m));
            List<String> keys = new ArrayList<>(copy.keySet());
            String key = keys.get(random.nextInt(keys.size()));
            switch (random.nextInt(3)) {
                case 0 -> copy.remove(key);
                case 1 -> copy.put(key + randomChars(random).strip(), copy.get(key));
                default -> copy.put(key, mutateNode(copy.get(key), random, depth + 1));
            }
            return copy;
        }
        if (node instanceof List<?> l && !l.isEmpty()) {
            List<Object> copy = new ArrayList<>(l);
            int i = random.nextInt(copy.size());
            switch (random.nextInt(3)) {
                case 0 -> copy.remove(i);
                case 1 -> copy.add(i, copy.get(i));
                default -> copy.set(i, mutateNode(copy.get(i), random, depth + 1));
            }
            return copy;
        }
        return replacement(node, random);
    }

    private static Object replacement(Object node, Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> null;
            case 1 -> random.nextInt();
            case 2 -> random.nextBoolean();
            case 3 -> List.of(randomChars(random));
            case 4 -> Map.of(randomChars(random), randomChars(random));
            case 5 -> node instanceof String s ? s + randomChars(random) : String.valueOf(node);
            case 6 -> 1.5e300;
            default -> randomChars(random);
        };
    }

    private static String randomChars(Random random) {
        StringBuilder out = new StringBuilder();
        for (int i = 0, n = 1 + random.nextInt(6); i < n; i++) {
            out.append(PUNCTUATION.charAt(random.nextInt(PUNCTUATION.length())));
        }
        return out.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}

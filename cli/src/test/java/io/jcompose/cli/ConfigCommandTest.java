package io.jcompose.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigCommandTest {

    @TempDir
    Path dir;

    private CliRunner cli(Map<String, String> env) {
        return new CliRunner(dir, env);
    }

    private void write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void config_printsCanonicalYaml() throws IOException {
        write("compose.yaml", """
                services:
                  web:
                    image: nginx
                    ports: ["8080:80"]
                """);
        CliRunner.Result r = cli(Map.of()).run("-p", "demo", "config");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("""
                name: demo
                services:
                  web:
                    image: nginx
                    networks:
                      default: null
                    ports:
                      - mode: ingress
                        target: 80
                        published: "8080"
                        protocol: tcp
                networks:
                  default:
                    name: demo_default
                """);
    }

    @Test
    void config_formatJson_printsTheCanonicalModelAsJson() throws IOException {
        write("compose.yaml", "services:\n  web:\n    image: nginx\n");
        CliRunner.Result r = cli(Map.of()).run("-p", "demo", "config", "--format", "json");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).startsWith("{\n  \"name\": \"demo\",\n");
        assertThat(r.out()).contains("\"services\": {\n    \"web\": {\n").contains("\"image\": \"nginx\"");
        assertThat(r.out()).contains("\"networks\": {\n        \"default\": null\n      }");
    }

    @Test
    void config_listFlags_printOneNamePerLine() throws IOException {
        write("compose.yaml", """
                services:
                  b: {image: busybox, volumes: ["data:/d"], profiles: [debug]}
                  a: {build: ., networks: [front]}
                networks: {front: {}}
                volumes: {data: {}}
                """);
        assertThat(cli(Map.of()).run("config", "--services").out()).isEqualTo("a\n");
        assertThat(cli(Map.of()).run("--profile", "debug", "config", "--services").out()).isEqualTo("a\nb\n");
        assertThat(cli(Map.of()).run("config", "--profiles").out()).isEqualTo("debug\n");
        assertThat(cli(Map.of()).run("--profile", "*", "config", "--volumes").out()).isEqualTo("data\n");
        assertThat(cli(Map.of()).run("config", "--networks").out()).isEqualTo("front\n");
        assertThat(cli(Map.of()).run("-p", "x", "--profile", "debug", "config", "--images").out())
                .isEqualTo("x-a\nbusybox\n");
    }

    @Test
    void config_hash_isStableAndChangesWithConfig() throws IOException {
        write("compose.yaml", "services:\n  web:\n    image: nginx\n");
        String first = cli(Map.of()).run("-p", "p", "config", "--hash", "*").out();
        assertThat(first).matches("web [0-9a-f]{64}\n");
        assertThat(cli(Map.of()).run("-p", "p", "config", "--hash", "web").out()).isEqualTo(first);
        write("compose.yaml", "services:\n  web:\n    image: nginx:2\n");
        assertThat(cli(Map.of()).run("-p", "p", "config", "--hash", "web").out()).isNotEqualTo(first);
    }

    @Test
    void config_hash_ignoresScaleAndDependsOn() throws IOException {
        write("compose.yaml", "services:\n  web:\n    image: nginx\n  db:\n    image: pg\n");
        String before = cli(Map.of()).run("-p", "p", "config", "--hash", "web").out();
        write("compose.yaml", "services:\n  web:\n    image: nginx\n    scale: 3\n    depends_on: [db]\n"
                + "  db:\n    image: pg\n");
        assertThat(cli(Map.of()).run("-p", "p", "config", "--hash", "web").out()).isEqualTo(before);
    }

    @Test
    void config_quiet_printsNothingAndSucceeds() throws IOException {
        write("compose.yaml", "services:\n  web:\n    image: nginx\n");
        CliRunner.Result r = cli(Map.of()).run("config", "-q");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEmpty();
    }

    @Test
    void config_invalidFile_exits15WithOneLinePerProblemAndNoStackTrace() throws IOException {
        write("compose.yaml", """
                services:
                  web:
                    image: nginx
                    ports: ["80:abc"]
                    restrat: always
                """);
        CliRunner.Result r = cli(Map.of()).run("config");
        assertThat(r.exitCode()).isEqualTo(15);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("compose.yaml:5:5: services.web.restrat: unknown key \"restrat\" "
                + "(did you mean \"restart\"?)");
        assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void config_noFile_exits14() {
        CliRunner.Result r = cli(Map.of()).run("config");
        assertThat(r.exitCode()).isEqualTo(14);
        assertThat(r.err()).startsWith("no configuration file provided: not found");
    }

    @Test
    void config_stdin_isReadWithDashFile() {
        CliRunner.Result r = new CliRunner(dir, Map.of()).stdin("services:\n  a:\n    image: x\n")
                .run("-f", "-", "-p", "s", "config", "--services");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("a\n");
    }

    @Test
    void config_unsetVariable_warnsOnceAndUsesEmpty() throws IOException {
        write("compose.yaml", "services:\n  web:\n    image: \"nginx${TAG}\"\n    labels: {a: \"${TAG}\"}\n");
        CliRunner.Result r = cli(Map.of()).run("config", "--images");
        assertThat(r.out()).isEqualTo("nginx\n");
        assertThat(r.err()).isEqualTo("WARN[0000] The \"TAG\" variable is not set. Defaulting to a blank string.\n");
    }

    @Test
    void config_requiredVariable_failsWithItsMessage() throws IOException {
        write("compose.yaml", "services:\n  web:\n    image: \"${IMAGE:?set IMAGE first}\"\n");
        CliRunner.Result r = cli(Map.of()).run("config");
        assertThat(r.exitCode()).isEqualTo(15);
        assertThat(r.err()).isEqualTo("compose.yaml:3:12: services.web.image: required variable IMAGE is missing"
                + " a value: set IMAGE first\n");
    }

    @Test
    void config_outputFile_writesThere() throws IOException {
        write("compose.yaml", "services:\n  web:\n    image: nginx\n");
        CliRunner.Result r = cli(Map.of()).run("config", "-o", "out.yaml");
        assertThat(r.exitCode()).isZero();
        assertThat(Files.readString(dir.resolve("out.yaml"))).contains("image: nginx");
    }

    @Test
    void config_invalidProjectName_exits15() throws IOException {
        write("compose.yaml", "services:\n  web:\n    image: nginx\n");
        CliRunner.Result r = cli(Map.of()).run("-p", "Bad Name", "config");
        assertThat(r.exitCode()).isEqualTo(15);
        assertThat(r.err()).startsWith("invalid project name \"Bad Name\"");
    }

    @Test
    void config_badFlag_exits16WithHint() throws IOException {
        CliRunner.Result r = cli(Map.of()).run("config", "--nope");
        assertThat(r.exitCode()).isEqualTo(16);
        assertThat(r.err()).contains("Unknown option: '--nope'").contains("See 'jcompose config --help'.");
    }

    @Test
    void config_variables_listsNameRequiredDefaultAndAlternate() throws IOException {
        write("compose.yaml", """
                services:
                  web:
                    image: "nginx:${TAG:-1.27}"
                    environment:
                      A: "${REQ:?needed}"
                      B: "$PLAIN and ${ALT:+yes} and ${OUTER:-${INNER-x}} and $$NOT"
                """);
        CliRunner.Result r = cli(Map.of()).run("config", "--variables");
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).isEqualTo("""
                NAME    REQUIRED   DEFAULT VALUE   ALTERNATE VALUE
                ALT     false                      yes
                INNER   false      x
                OUTER   false      ${INNER-x}
                PLAIN   false
                REQ     true
                TAG     false      1.27
                """);
    }

    @Test
    void config_literalDollar_isPrintedEscapedAndLoadsBackTheSame() throws IOException {
        write("compose.yaml", "services:\n  web:\n    image: nginx\n    command: echo $$HOME costs $$5\n");
        CliRunner.Result first = cli(Map.of()).run("-p", "d", "config");
        assertThat(first.out()).contains("- $$HOME").contains("- $$5");
        write("compose.yaml", first.out());
        assertThat(cli(Map.of()).run("-p", "d", "config").out()).isEqualTo(first.out());
    }
}

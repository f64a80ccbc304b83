package io.jcompose.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.jcompose.engine.spi.ContainerSpec;
import io.jcompose.engine.spi.ContainerSpec.HealthcheckSpec;
import io.jcompose.engine.spi.ContainerSpec.LoggingSpec;
import io.jcompose.engine.spi.ContainerSpec.Resources;
import io.jcompose.engine.spi.ContainerSpec.RestartPolicy;
import io.jcompose.engine.spi.ContainerSpec.Ulimit;
import io.jcompose.model.Project;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LimitsTest {

    @TempDir
    Path dir;

    private ContainerSpec web(String serviceYaml) {
        Project project = ComposeProjects.load(dir, "services:\n  web:\n    image: i\n"
                + serviceYaml.stripIndent().lines().map(l -> "    " + l + "\n").reduce("", String::concat));
        return ContainerSpecs.of(project, project.service("web").orElseThrow(), "p-web-1", OptionalInt.of(1),
                Map.of());
    }

    @Test
    void healthcheck_durationsAndShellTest() {
        ContainerSpec spec = web("""
                healthcheck: {test: "wget -q localhost", interval: 5s, timeout: 2s, retries: 3, start_period: 1m,
                              start_interval: 500ms}
                """);

        assertThat(spec.healthcheck()).contains(new HealthcheckSpec(List.of("CMD-SHELL", "wget -q localhost"),
                Optional.of(Duration.ofSeconds(5)), Optional.of(Duration.ofSeconds(2)), Optional.of(3),
                Optional.of(Duration.ofMinutes(1)), Optional.of(Duration.ofMillis(500))));
    }

    @Test
    void healthcheck_disableIsNone() {
        assertThat(web("healthcheck: {disable: true}").healthcheck().orElseThrow().test()).containsExactly("NONE");
    }

    @Test
    void restart_shortForms() {
        assertThat(web("restart: on-failure:3").restart()).isEqualTo(new RestartPolicy("on-failure", 3));
        assertThat(web("restart: unless-stopped").restart()).isEqualTo(new RestartPolicy("unless-stopped", 0));
        assertThat(web("restart: always").restart()).isEqualTo(new RestartPolicy("always", 0));
        assertThat(web("restart: \"no\"").restart()).isEqualTo(RestartPolicy.NO);
    }

    @Test
    void restart_deployPolicyWins() {
        assertThat(web("""
                restart: always
                deploy: {restart_policy: {condition: on-failure, max_attempts: 5}}
                """).restart()).isEqualTo(new RestartPolicy("on-failure", 5));
        assertThat(web("deploy: {restart_policy: {condition: any}}").restart())
                .isEqualTo(new RestartPolicy("always", 0));
        assertThat(web("deploy: {restart_policy: {condition: none}}").restart()).isEqualTo(RestartPolicy.NO);
    }

    @Test
    void resources_serviceLevel() {
        ContainerSpec spec = web("""
                mem_limit: 512m
                mem_reservation: 128m
                cpus: 1.5
                cpu_shares: 512
                cpuset: "0-1"
                shm_size: 64m
                pids_limit: 100
                """);

        assertThat(spec.resources()).isEqualTo(new Resources(Optional.of(512L << 20), Optional.of(128L << 20),
                Optional.of(1.5), Optional.of(512L), Optional.of("0-1"), Optional.of(100L), Optional.of(64L << 20)));
    }

    @Test
    void resources_deployLimitsWin() {
        ContainerSpec spec = web("""
                mem_limit: 512m
                cpus: 1.5
                pids_limit: 100
                deploy:
                  resources:
                    limits: {memory: 1g, cpus: "0.5", pids: 50}
                    reservations: {memory: 64m}
                """);

        assertThat(spec.resources()).isEqualTo(new Resources(Optional.of(1L << 30), Optional.of(64L << 20),
                Optional.of(0.5), Optional.empty(), Optional.empty(), Optional.of(50L), Optional.empty()));
    }

    @Test
    void loggingUlimitsDevices() {
        ContainerSpec spec = web("""
                logging: {driver: json-file, options: {max-size: 10m}}
                ulimits: {nproc: 65535, nofile: {soft: 1024, hard: 2048}}
                devices: ["/dev/null:/dev/xnull:r", "/dev/zero"]
                """);

        assertThat(spec.logging()).contains(new LoggingSpec("json-file", Map.of("max-size", "10m")));
        assertThat(spec.ulimits()).containsExactly(entry("nofile", new Ulimit(1024, 2048)),
                entry("nproc", new Ulimit(65535, 65535)));
        assertThat(spec.devices()).containsExactly("/dev/null:/dev/xnull:r", "/dev/zero:/dev/zero:rwm");
    }

    @Test
    void hostsDnsSysctlsTmpfs() {
        ContainerSpec spec = web("""
                extra_hosts: ["a:1.2.3.4", "b=::1"]
                dns: 8.8.8.8
                dns_search: example.com
                dns_opt: [ndots:2]
                sysctls: [net.core.somaxconn=1024]
                tmpfs: ["/run", "/cache:size=64m,mode=1777"]
                """);

        assertThat(spec.extraHosts()).containsExactly("a:1.2.3.4", "b:::1");
        assertThat(spec.dns()).containsExactly("8.8.8.8");
        assertThat(spec.dnsSearch()).containsExactly("example.com");
        assertThat(spec.dnsOptions()).containsExactly("ndots:2");
        assertThat(spec.sysctls()).containsExactly(entry("net.core.somaxconn", "1024"));
        assertThat(spec.tmpfs()).containsExactly(entry("/cache", "size=64m,mode=1777"), entry("/run", ""));
    }
}

package io.jcompose.engine.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import io.jcompose.engine.spi.ContainerSpec;
import io.jcompose.engine.spi.ContainerSpec.MountSpec;
import io.jcompose.engine.spi.ContainerSpec.PortSpec;
import io.jcompose.engine.spi.EndpointSpec;
import io.jcompose.model.Project;
import io.jcompose.model.hash.ConfigHash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContainerSpecsTest {

    @TempDir
    Path dir;

    private ContainerSpec spec(Project project, String service, int number) {
        return ContainerSpecs.of(project, project.service(service).orElseThrow(), "p-" + service + "-" + number,
                OptionalInt.of(number), Map.of());
    }

    @Test
    void labels_composeKeysForAReplica() throws Exception {
        Files.writeString(dir.resolve(".env"), "X=1\n");
        Project project = ComposeProjects.load(dir, """
                services:
                  web:
                    image: jcompose-fixtures/busybox:latest
                    labels: [team=a]
                    depends_on:
                      db: {condition: service_healthy, restart: true}
                      cache: {condition: service_started}
                  db: {image: jcompose-fixtures/redis:bookworm}
                  cache: {image: jcompose-fixtures/redis:bookworm}
                """);
        ContainerSpec spec = spec(project, "web", 2);

        assertThat(spec.labels()).contains(
                entry("com.docker.compose.project", "p"),
                entry("com.docker.compose.service", "web"),
                entry("com.docker.compose.container-number", "2"),
                entry("com.docker.compose.oneoff", "False"),
                entry("com.docker.compose.config-hash", ConfigHash.of(project.service("web").orElseThrow())),
                entry("com.docker.compose.depends_on", "cache:service_started:false,db:service_healthy:true"),
                entry("com.docker.compose.project.working_dir", dir.toRealPath().toString()),
                entry("com.docker.compose.project.config_files", dir.toRealPath().resolve("compose.yaml").toString()),
                entry("com.docker.compose.project.environment_file", dir.toRealPath().resolve(".env").toString()),
                entry("com.docker.compose.version", ContainerSpecs.DEFAULT_VERSION),
                entry("team", "a"));
        assertThat(spec.name()).isEqualTo("p-web-2");
        assertThat(spec.image()).isEqualTo("jcompose-fixtures/busybox:latest");
    }

    @Test
    void labels_oneOffHasNoNumberAndExtraLabelsWin() {
        Project project = ComposeProjects.load(dir, "services: {web: {build: .}}\n");
        ContainerSpec spec = ContainerSpecs.of(project, project.service("web").orElseThrow(), "p-web-run-0123",
                OptionalInt.empty(), Map.of("com.docker.compose.slug", "0123abc", "com.docker.compose.version", "9"));

        assertThat(spec.labels()).doesNotContainKey("com.docker.compose.container-number")
                .contains(entry("com.docker.compose.oneoff", "True"), entry("com.docker.compose.slug", "0123abc"),
                        entry("com.docker.compose.version", "9"));
        assertThat(spec.image()).as("a built image is named <project>-<service>").isEqualTo("p-web");
    }

    @Test
    void spec_commandEnvironmentAndProcessSettings() {
        Project project = ComposeProjects.load(dir, """
                services:
                  web:
                    image: i
                    command: sh -c "echo hi"
                    entrypoint: ["/bin/sh"]
                    environment: {A: "1", B: null}
                    hostname: h
                    domainname: example.com
                    user: "1000:1000"
                    working_dir: /w
                    tty: true
                    stdin_open: true
                    init: true
                    privileged: true
                    read_only: true
                    cap_add: [NET_ADMIN]
                    cap_drop: [ALL]
                    stop_signal: SIGINT
                    stop_grace_period: 1m30s
                    platform: linux/amd64
                    group_add: [audio, "42"]
                    security_opt: ["no-new-privileges:true"]
                """);
        ContainerSpec spec = spec(project, "web", 1);

        assertThat(spec.command()).contains(List.of("sh", "-c", "echo hi"));
        assertThat(spec.entrypoint()).contains(List.of("/bin/sh"));
        assertThat(spec.environment()).as("an unset variable is left out").containsExactly(entry("A", "1"));
        assertThat(spec.hostname()).contains("h");
        assertThat(spec.domainname()).contains("example.com");
        assertThat(spec.user()).contains("1000:1000");
        assertThat(spec.workingDir()).contains("/w");
        assertThat(List.of(spec.tty(), spec.stdinOpen(), spec.init(), spec.privileged(), spec.readOnly()))
                .containsOnly(true);
        assertThat(spec.capAdd()).containsExactly("NET_ADMIN");
        assertThat(spec.capDrop()).containsExactly("ALL");
        assertThat(spec.stopSignal()).contains("SIGINT");
        assertThat(spec.stopTimeout()).contains(Duration.ofSeconds(90));
        assertThat(spec.platform()).contains("linux/amd64");
        assertThat(spec.groupAdd()).containsExactly("audio", "42");
        assertThat(spec.securityOpt()).containsExactly("no-new-privileges:true");
    }

    @Test
    void spec_unsetAttributesStayEmpty() {
        Project project = ComposeProjects.load(dir, "services: {web: {image: i}}\n");
        ContainerSpec spec = spec(project, "web", 1);

        assertThat(spec.command()).isEmpty();
        assertThat(spec.entrypoint()).isEmpty();
        assertThat(spec.restart()).isEqualTo(ContainerSpec.RestartPolicy.NO);
        assertThat(spec.healthcheck()).isEmpty();
        assertThat(spec.resources()).isEqualTo(ContainerSpec.Resources.NONE);
        assertThat(spec.logging()).isEmpty();
        assertThat(spec.networkMode()).isEmpty();
        assertThat(spec.networks()).containsOnlyKeys("p_default");
        assertThat(spec.mounts()).isEmpty();
        assertThat(spec.stopTimeout()).isEmpty();
    }

    @Test
    void ports_publishedHostIpRangeAndProtocol() {
        Project project = ComposeProjects.load(dir, """
                services:
                  web:
                    image: i
                    ports:
                      - "8080:80"
                      - "127.0.0.1:9000-9001:9000-9001/udp"
                      - "5000"
                      - "7000-7005:7000"
                      - {target: 53, published: "5353", protocol: udp, host_ip: "::1"}
                    expose: ["3000", "4000-4001/udp"]
                """);
        ContainerSpec spec = spec(project, "web", 1);

        assertThat(spec.ports()).containsExactly(
                new PortSpec(80, "tcp", Optional.empty(), Optional.of("8080")),
                new PortSpec(9000, "udp", Optional.of("127.0.0.1"), Optional.of("9000")),
                new PortSpec(9001, "udp", Optional.of("127.0.0.1"), Optional.of("9001")),
                new PortSpec(5000, "tcp", Optional.empty(), Optional.empty()),
                new PortSpec(7000, "tcp", Optional.empty(), Optional.of("7000-7005")),
                new PortSpec(53, "udp", Optional.of("::1"), Optional.of("5353")));
        assertThat(spec.expose()).containsExactly("3000", "4000-4001/udp");
    }

    @Test
    void mounts_bindNamedAnonymousTmpfsAndSecrets() throws Exception {
        Files.writeString(dir.resolve("token.txt"), "s3cret");
        Project project = ComposeProjects.load(dir, """
                services:
                  web:
                    image: i
                    volumes:
                      - ./data:/data:ro
                      - named:/named
                      - /anon
                      - {type: tmpfs, target: /scratch, tmpfs: {size: 1000}}
                      - {type: bind, source: ./strict, target: /strict, bind: {create_host_path: false}}
                      - {type: bind, source: ./plain, target: /plain}
                      - {type: volume, source: named, target: /nocopy, volume: {nocopy: true}}
                    secrets: [token]
                volumes:
                  named: {}
                secrets:
                  token: {file: ./token.txt}
                """);
        String base = dir.toRealPath().toString();
        List<MountSpec> mounts = spec(project, "web", 1).mounts();

        assertThat(mounts).containsExactly(
                mount("bind", base + "/data", "/data", true, false, Optional.empty(), true),
                mount("volume", "p_named", "/named", false, false, Optional.empty(), false),
                new MountSpec("volume", Optional.empty(), "/anon", false, Optional.empty(), false, Optional.empty(),
                        Optional.empty(), false, Map.of()),
                new MountSpec("tmpfs", Optional.empty(), "/scratch", false, Optional.empty(), false,
                        Optional.empty(), Optional.of(1000L), false, Map.of()),
                mount("bind", base + "/strict", "/strict", false, false, Optional.empty(), false),
                mount("bind", base + "/plain", "/plain", false, false, Optional.empty(), true),
                mount("volume", "p_named", "/nocopy", false, true, Optional.empty(), false),
                mount("bind", base + "/token.txt", "/run/secrets/token", true, false, Optional.empty(), false));
    }

    private static MountSpec mount(String type, String source, String target, boolean readOnly, boolean noCopy,
                                   Optional<String> propagation, boolean createHostPath) {
        return new MountSpec(type, Optional.of(source), target, readOnly, propagation, noCopy, Optional.empty(),
                Optional.empty(), createHostPath, Map.of());
    }

    @Test
    void networks_orderedByPriorityWithAliasesAndAddresses() {
        Project project = ComposeProjects.load(dir, """
                services:
                  web:
                    image: i
                    mac_address: 02:42:ac:11:00:02
                    networks:
                      front: {aliases: [w1], priority: 10}
                      back: {priority: 100, ipv4_address: 172.28.0.5}
                      mid: {}
                networks:
                  front: {}
                  back: {ipam: {config: [{subnet: 172.28.0.0/16}]}}
                  mid: {name: custom-mid}
                """);
        ContainerSpec spec = spec(project, "web", 1);

        assertThat(spec.networkMode()).isEmpty();
        assertThat(spec.networks().keySet()).containsExactly("p_back", "p_front", "custom-mid");
        assertThat(spec.networks().get("p_back")).isEqualTo(new EndpointSpec(List.of("p-web-1", "web"),
                Optional.of("172.28.0.5"), Optional.empty(), Optional.of("02:42:ac:11:00:02")));
        assertThat(spec.networks().get("p_front").aliases()).containsExactly("p-web-1", "web", "w1");
        assertThat(spec.networks().get("p_front").macAddress()).as("only the first network gets the mac").isEmpty();
    }

    @Test
    void networks_oneOffAnswersOnlyToItsName() {
        Project project = ComposeProjects.load(dir, "services: {web: {image: i}}\n");
        ContainerSpec spec = ContainerSpecs.of(project, project.service("web").orElseThrow(), "p-web-run-1",
                OptionalInt.empty(), Map.of());

        assertThat(spec.networks().get("p_default").aliases()).containsExactly("p-web-run-1");
    }

    @Test
    void networkMode_hostAndServiceReferences() {
        Project project = ComposeProjects.load(dir, """
                services:
                  db: {image: i, network_mode: host, pid: host, ipc: shareable, container_name: the-db}
                  side:
                    image: i
                    network_mode: service:db
                    ipc: service:db
                    pid: "service:db"
                    volumes_from: [db, "db:ro", "container:other:ro"]
                """);
        ContainerSpec db = spec(project, "db", 1);
        ContainerSpec side = spec(project, "side", 1);

        assertThat(db.networkMode()).contains("host");
        assertThat(db.networks()).isEmpty();
        assertThat(db.pid()).contains("host");
        assertThat(db.ipc()).contains("shareable");
        assertThat(side.networkMode()).contains("container:the-db");
        assertThat(side.ipc()).contains("container:the-db");
        assertThat(side.pid()).contains("container:the-db");
        assertThat(side.volumesFrom()).containsExactly("the-db", "the-db:ro", "other:ro");
    }

    @Test
    void networkMode_referencesResolvedThroughObservedContainers() {
        Project project = ComposeProjects.load(dir, """
                services:
                  db: {image: i}
                  side: {image: i, network_mode: service:db, links: ["db:database"], external_links: [ext:e, solo]}
                """);
        ContainerSpecs specs = new ContainerSpecs(project, "2", service -> List.of("c1", "c2"));
        ContainerSpec side = specs.spec(project.service("side").orElseThrow(), "p-side-1", OptionalInt.of(1),
                Map.of());

        assertThat(side.networkMode()).contains("container:c1");
        assertThat(side.links()).containsExactly("c1:database", "c1:db-1", "c1:p-db-1", "c2:database", "c2:db-1",
                "c2:p-db-1", "ext:e", "solo:solo");
    }
}

package io.jcompose.engine.linux.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcompose.engine.linux.build.dockerfile.Instruction.ArgDefinition;
import io.jcompose.engine.linux.build.dockerfile.Instruction.KeyValue;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Each instruction's forms, read one at a time after a FROM. */
class InstructionsTest {

    /** The first instruction after {@code FROM scratch}. */
    static Instruction first(String text) {
        return Dockerfile.parse("FROM scratch\n" + text, "Dockerfile").lastStage().instructions().getFirst();
    }

    @Test
    void from_imageNameAndPlatform() {
        Stage plain = Dockerfile.parse("FROM scratch", "Dockerfile").lastStage();
        assertThat(plain.from()).isEqualTo(new Instruction.From(1, "FROM scratch", "scratch", Optional.empty(),
                Optional.empty()));

        Instruction.From named = Dockerfile.parse("  from --platform=linux/arm64 alpine:3.20 as Base-1.x  ",
                "Dockerfile").lastStage().from();
        assertThat(named.image()).isEqualTo("alpine:3.20");
        assertThat(named.platform()).contains("linux/arm64");
        assertThat(named.name()).contains("base-1.x");
        assertThat(named.original()).isEqualTo("from --platform=linux/arm64 alpine:3.20 as Base-1.x");
    }

    @Test
    void keywords_areCaseInsensitive() {
        assertThat(first("wOrKdIr /x")).isEqualTo(new Instruction.Workdir(2, "wOrKdIr /x", "/x"));
        assertThat(first("run echo hi").keyword()).isEqualTo("RUN");
    }

    @Test
    void arg_severalNamesWithAndWithoutDefaults() {
        assertThat(first("ARG A B=2 C=\"x y\" D=")).isEqualTo(new Instruction.Arg(2, "ARG A B=2 C=\"x y\" D=",
                List.of(new ArgDefinition("A", Optional.empty()), new ArgDefinition("B", Optional.of("2")),
                        new ArgDefinition("C", Optional.of("\"x y\"")), new ArgDefinition("D", Optional.of("")))));
    }

    @Test
    void env_pairsKeepTheirQuotesAndEscapesForTheExpander() {
        Instruction.Env env = (Instruction.Env) first("ENV A=1 B=\"two words\" C='$x' D=a\\ b E=${A}");
        assertThat(env.pairs()).containsExactly(new KeyValue("A", "1"), new KeyValue("B", "\"two words\""),
                new KeyValue("C", "'$x'"), new KeyValue("D", "a\\ b"), new KeyValue("E", "${A}"));
    }

    @Test
    void env_legacyFormTakesTheRestOfTheLine() {
        assertThat(((Instruction.Env) first("ENV PATH   /usr/local/bin:$PATH  extra")).pairs())
                .containsExactly(new KeyValue("PATH", "/usr/local/bin:$PATH  extra"));
        assertThat(((Instruction.Env) first("ENV MSG \"a b\"")).pairs())
                .containsExactly(new KeyValue("MSG", "\"a b\""));
    }

    @Test
    void label_pairsAndLegacyForm() {
        assertThat(((Instruction.Label) first("LABEL org.opencontainers.image.title=\"My app\" version=1.0")).pairs())
                .containsExactly(new KeyValue("org.opencontainers.image.title", "\"My app\""),
                        new KeyValue("version", "1.0"));
        assertThat(((Instruction.Label) first("LABEL maintainer someone@example.com")).pairs())
                .containsExactly(new KeyValue("maintainer", "someone@example.com"));
    }

    @Test
    void workdirUserStopsignalMaintainer_takeTheRestOfTheLine() {
        assertThat(first("WORKDIR /my dir")).isEqualTo(new Instruction.Workdir(2, "WORKDIR /my dir", "/my dir"));
        assertThat(first("USER app:app")).isEqualTo(new Instruction.User(2, "USER app:app", "app:app"));
        assertThat(first("STOPSIGNAL SIGTERM")).isEqualTo(new Instruction.StopSignal(2, "STOPSIGNAL SIGTERM",
                "SIGTERM"));
        assertThat(first("MAINTAINER Jane <jane@example.com>")).isEqualTo(new Instruction.Maintainer(2,
                "MAINTAINER Jane <jane@example.com>", "Jane <jane@example.com>"));
    }

    @Test
    void copy_allFlagsAndSeveralSources() {
        Instruction.Copy copy = (Instruction.Copy) first(
                "COPY --from=0 --chown=app:app --chmod=755 --link --parents --exclude=*.md --exclude=tmp a b/ c/");
        assertThat(copy.sources()).containsExactly(new CopySource.Word("a"), new CopySource.Word("b/"));
        assertThat(copy.destination()).isEqualTo("c/");
        assertThat(copy.from()).contains("0");
        assertThat(copy.chown()).contains("app:app");
        assertThat(copy.chmod()).contains("755");
        assertThat(copy.link()).isTrue();
        assertThat(copy.parents()).isTrue();
        assertThat(copy.excludes()).containsExactly("*.md", "tmp");
    }

    @Test
    void copy_jsonFormKeepsSpacesAndShellFormSplitsOnThem() {
        Instruction.Copy json = (Instruction.Copy) first("COPY [\"my file\", \"/dest dir/\"]");
        assertThat(json.sources()).containsExactly(new CopySource.Word("my file"));
        assertThat(json.destination()).isEqualTo("/dest dir/");
        Instruction.Copy shell = (Instruction.Copy) first("COPY --link=false \"my file\" /d");
        assertThat(shell.sources()).containsExactly(new CopySource.Word("\"my"), new CopySource.Word("file\""));
        assertThat(shell.link()).isFalse();
    }

    @Test
    void add_flags() {
        Instruction.Add add = (Instruction.Add) first(
                "ADD --checksum=sha256:abc --keep-git-dir=true --chown=1000 https://example.com/x.tgz /opt/");
        assertThat(add.sources()).containsExactly(new CopySource.Word("https://example.com/x.tgz"));
        assertThat(add.destination()).isEqualTo("/opt/");
        assertThat(add.checksum()).contains("sha256:abc");
        assertThat(add.keepGitDir()).isTrue();
        assertThat(add.chown()).contains("1000");
        assertThat(add.link()).isFalse();
        assertThat(add.chmod()).isEmpty();
    }

    @Test
    void runCmdEntrypoint_shellAndExecForms() {
        assertThat(((Instruction.Run) first("RUN [\"/bin/sh\", \"-c\", \"echo hi\"]")).command())
                .isEqualTo(new Command.Exec(List.of("/bin/sh", "-c", "echo hi")));
        assertThat(((Instruction.Run) first("RUN echo \"$HOME\" && ls")).command())
                .isEqualTo(new Command.Shell("echo \"$HOME\" && ls"));
        assertThat(((Instruction.Cmd) first("CMD [\"a\\\"b\", \"\\u00e9\"]")).command())
                .isEqualTo(new Command.Exec(List.of("a\"b", "é")));
        assertThat(((Instruction.Cmd) first("CMD []")).command()).isEqualTo(new Command.Exec(List.of()));
        assertThat(((Instruction.Entrypoint) first("ENTRYPOINT [\"tini\", \"--\"]")).command())
                .isEqualTo(new Command.Exec(List.of("tini", "--")));
    }

    @Test
    void invalidJsonIsTheShellForm() {
        assertThat(((Instruction.Cmd) first("CMD [\"a\", 'b']")).command())
                .isEqualTo(new Command.Shell("[\"a\", 'b']"));
        assertThat(((Instruction.Cmd) first("CMD [\"a\", 1]")).command())
                .isEqualTo(new Command.Shell("[\"a\", 1]"));
        assertThat(((Instruction.Cmd) first("CMD [\"a\"] && b")).command())
                .isEqualTo(new Command.Shell("[\"a\"] && b"));
        assertThat(((Instruction.Cmd) first("CMD [ -f x ] || exit 1")).command())
                .isEqualTo(new Command.Shell("[ -f x ] || exit 1"));
    }

    @Test
    void run_networkSecurityAndMounts() {
        Instruction.Run run = (Instruction.Run) first(
                "RUN --network=none --security=insecure --mount=type=tmpfs,target=/tmp,size=64m make");
        assertThat(run.network()).contains(Instruction.Network.NONE);
        assertThat(run.security()).contains(Instruction.Security.INSECURE);
        assertThat(run.mounts()).containsExactly(new Mount.Tmpfs("/tmp", Optional.of(64L << 20)));
        assertThat(((Instruction.Run) first("RUN --network=host x")).network()).contains(Instruction.Network.HOST);
        assertThat(((Instruction.Run) first("RUN --network=default x")).network())
                .contains(Instruction.Network.DEFAULT);
        assertThat(((Instruction.Run) first("RUN -- --weird")).command()).isEqualTo(new Command.Shell("--weird"));
    }

    @Test
    void exposeAndVolume() {
        assertThat(first("EXPOSE 80/tcp  443 53/udp $PORT")).isEqualTo(new Instruction.Expose(2,
                "EXPOSE 80/tcp  443 53/udp $PORT", List.of("80/tcp", "443", "53/udp", "$PORT")));
        assertThat(((Instruction.Volume) first("VOLUME [\"/data\", \"/var/log\"]")).paths())
                .containsExactly("/data", "/var/log");
        assertThat(((Instruction.Volume) first("VOLUME /data /cache")).paths()).containsExactly("/data", "/cache");
    }

    @Test
    void shell_jsonOnly() {
        assertThat(first("SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]")).isEqualTo(new Instruction.Shell(2,
                "SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"]", List.of("/bin/bash", "-o", "pipefail", "-c")));
    }

    @Test
    void healthcheck_noneAndCmdWithOptions() {
        Instruction.Healthcheck none = (Instruction.Healthcheck) first("HEALTHCHECK none");
        assertThat(none.none()).isTrue();
        assertThat(none.interval()).isEmpty();

        Instruction.Healthcheck check = (Instruction.Healthcheck) first("HEALTHCHECK --interval=1m30s --timeout=5s "
                + "--start-period=0 --start-interval=500ms --retries=3 CMD curl -f http://localhost/ || exit 1");
        assertThat(check.none()).isFalse();
        assertThat(check.command()).contains(new Command.Shell("curl -f http://localhost/ || exit 1"));
        assertThat(check.interval()).contains(Duration.ofSeconds(90));
        assertThat(check.timeout()).contains(Duration.ofSeconds(5));
        assertThat(check.startPeriod()).contains(Duration.ZERO);
        assertThat(check.startInterval()).contains(Duration.ofMillis(500));
        assertThat(check.retries()).contains(3);

        Instruction.Healthcheck exec = (Instruction.Healthcheck) first("HEALTHCHECK cmd [\"pg_isready\"]");
        assertThat(exec.command()).contains(new Command.Exec(List.of("pg_isready")));
        assertThat(exec.retries()).isEmpty();
    }

    @Test
    void onbuild_holdsTheTriggerInstruction() {
        Instruction.OnBuild onBuild = (Instruction.OnBuild) first("ONBUILD COPY --chown=app . /app");
        assertThat(onBuild.original()).isEqualTo("ONBUILD COPY --chown=app . /app");
        Instruction.Copy trigger = (Instruction.Copy) onBuild.trigger();
        assertThat(trigger.original()).isEqualTo("COPY --chown=app . /app");
        assertThat(trigger.line()).isEqualTo(2);
        assertThat(trigger.chown()).contains("app");
        assertThat(onBuild.expandsVariables()).isTrue();
        assertThat(((Instruction.OnBuild) first("ONBUILD RUN make")).expandsVariables()).isFalse();
    }

    @Test
    void expandsVariables_followsDockersList() {
        assertThat(first("ENV A=1").expandsVariables()).isTrue();
        assertThat(first("COPY a b").expandsVariables()).isTrue();
        assertThat(first("STOPSIGNAL $S").expandsVariables()).isTrue();
        assertThat(first("RUN echo $A").expandsVariables()).isFalse();
        assertThat(first("CMD echo $A").expandsVariables()).isFalse();
        assertThat(first("ENTRYPOINT echo $A").expandsVariables()).isFalse();
    }
}

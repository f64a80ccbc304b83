package io.jcompose.engine.linux.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code RUN --mount=} values, with BuildKit's defaults. */
class MountsTest {

    private static Mount mount(String value) {
        Instruction.Run run = (Instruction.Run) InstructionsTest.first("RUN --mount=" + value + " true");
        return run.mounts().getFirst();
    }

    @Test
    void bind_readOnlyUnlessRw() {
        assertThat(mount("target=/src")).isEqualTo(new Mount.Bind("/src", Optional.empty(), Optional.empty(), false));
        assertThat(mount("type=bind,source=go.mod,dst=/go.mod,from=build,rw"))
                .isEqualTo(new Mount.Bind("/go.mod", Optional.of("go.mod"), Optional.of("build"), true));
        assertThat(mount("type=bind,src=a,destination=/a,readwrite=true"))
                .isEqualTo(new Mount.Bind("/a", Optional.of("a"), Optional.empty(), true));
        assertThat(mount("type=bind,target=/a,ro")).isEqualTo(new Mount.Bind("/a", Optional.empty(), Optional.empty(),
                false));
    }

    @Test
    void cache_defaultsAndOptions() {
        assertThat(mount("type=cache,target=/root/.cache")).isEqualTo(new Mount.Cache("/root/.cache", "/root/.cache",
                Mount.Sharing.SHARED, Optional.empty(), Optional.empty(), false, 0755, 0, 0));
        assertThat(mount("type=cache,id=apt,target=/var/cache/apt,sharing=locked,mode=0700,uid=100,gid=101,"
                + "from=base,source=/c,readonly=true"))
                .isEqualTo(new Mount.Cache("/var/cache/apt", "apt", Mount.Sharing.LOCKED, Optional.of("base"),
                        Optional.of("/c"), true, 0700, 100, 101));
        assertThat(mount("TYPE=cache,Target=/x,sharing=PRIVATE")).extracting(m -> ((Mount.Cache) m).sharing())
                .isEqualTo(Mount.Sharing.PRIVATE);
    }

    @Test
    void tmpfs_sizes() {
        assertThat(mount("type=tmpfs,target=/t")).isEqualTo(new Mount.Tmpfs("/t", Optional.empty()));
        assertThat(mount("type=tmpfs,target=/t,size=1g")).isEqualTo(new Mount.Tmpfs("/t", Optional.of(1L << 30)));
        assertThat(mount("type=tmpfs,target=/t,size=512kb")).isEqualTo(new Mount.Tmpfs("/t", Optional.of(512L << 10)));
        assertThat(mount("type=tmpfs,target=/t,size=100")).isEqualTo(new Mount.Tmpfs("/t", Optional.of(100L)));
    }

    @Test
    void secret_idTargetAndEnv() {
        assertThat(mount("type=secret,id=npmrc")).isEqualTo(new Mount.Secret("npmrc",
                Optional.of("/run/secrets/npmrc"), Optional.empty(), false, 0400, 0, 0));
        assertThat(mount("type=secret,target=/root/.npmrc,required")).isEqualTo(new Mount.Secret(".npmrc",
                Optional.of("/root/.npmrc"), Optional.empty(), true, 0400, 0, 0));
        assertThat(mount("type=secret,id=tok,env=TOKEN,mode=0440,uid=1,gid=2")).isEqualTo(new Mount.Secret("tok",
                Optional.empty(), Optional.of("TOKEN"), false, 0440, 1, 2));
        assertThat(mount("type=secret,id=aws,required=false")).extracting(m -> ((Mount.Secret) m).required())
                .isEqualTo(false);
    }

    @Test
    void ssh_defaults() {
        assertThat(mount("type=ssh")).isEqualTo(new Mount.Ssh("default", Optional.empty(), false, 0600, 0, 0));
        assertThat(mount("type=ssh,id=github,target=/agent,required=true"))
                .isEqualTo(new Mount.Ssh("github", Optional.of("/agent"), true, 0600, 0, 0));
        assertThat(mount("type=ssh").target()).isEmpty();
    }

    @Test
    void quotedFieldsKeepTheirCommas() {
        assertThat(mount("type=bind,\"source=a,b\",target=/x")).isEqualTo(new Mount.Bind("/x", Optional.of("a,b"),
                Optional.empty(), false));
    }
}

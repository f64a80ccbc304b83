package io.jcompose.engine.linux.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.engine.linux.oci.UserResolver.ResolvedUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserResolverTest {

    @TempDir
    Path rootfs;

    @BeforeEach
    void writeFiles() throws IOException {
        Files.createDirectories(rootfs.resolve("etc"));
        Files.writeString(rootfs.resolve("etc/passwd"), """
                root:x:0:0:root:/root:/bin/sh
                # a comment
                app:x:1000:1000:App:/home/app:/bin/sh
                svc:x:1001:1001::/srv:/bin/false
                """);
        Files.writeString(rootfs.resolve("etc/group"), """
                root:x:0:
                wheel:x:10:root,app
                staff:x:50:app
                app:x:1000:
                svc:x:1001:
                """);
    }

    private ResolvedUser resolve(String user, List<String> groupAdd) {
        return UserResolver.of(rootfs).resolve(user, groupAdd, "user");
    }

    @Test
    void resolve_emptyIsRootWithItsGroups() {
        assertThat(resolve("", List.of())).isEqualTo(new ResolvedUser(0, 0, List.of(10), "/root"));
    }

    @Test
    void resolve_nameOrUidTakesTheEntrysGroupHomeAndMemberships() {
        ResolvedUser expected = new ResolvedUser(1000, 1000, List.of(10, 50), "/home/app");
        assertThat(resolve("app", List.of())).isEqualTo(expected);
        assertThat(resolve("1000", List.of())).isEqualTo(expected);
    }

    @Test
    void resolve_explicitGroupReplacesPrimaryAndDropsMemberships() {
        assertThat(resolve("app:svc", List.of())).isEqualTo(new ResolvedUser(1000, 1001, List.of(), "/home/app"));
        assertThat(resolve("1000:77", List.of())).isEqualTo(new ResolvedUser(1000, 77, List.of(), "/home/app"));
        assertThat(resolve("4242:staff", List.of())).isEqualTo(new ResolvedUser(4242, 50, List.of(), "/"));
    }

    @Test
    void resolve_numericWithoutEntryIsRootGroupAndSlashHome() {
        assertThat(resolve("4242", List.of())).isEqualTo(new ResolvedUser(4242, 0, List.of(), "/"));
    }

    @Test
    void resolve_groupAddByNameOrNumber() {
        assertThat(resolve("svc", List.of("staff", "999")).additionalGids()).containsExactly(50, 999);
    }

    @Test
    void resolve_unknownNamesAreDockersErrors() {
        assertThatThrownBy(() -> resolve("nobody", List.of())).isInstanceOf(OciConfigException.class)
                .hasMessage("user: unable to find user nobody: no matching entries in passwd file");
        assertThatThrownBy(() -> resolve("app:nogroup", List.of()))
                .hasMessage("user: unable to find group nogroup: no matching entries in group file");
        assertThatThrownBy(() -> resolve("app", List.of("audio")))
                .hasMessage("group_add: unable to find group audio: no matching entries in group file");
        assertThatThrownBy(() -> resolve("99999999999", List.of())).hasMessageContaining("out of range");
    }

    @Test
    void of_linksResolveInsideTheRootfsNeverOnTheHost(@TempDir Path outside) throws IOException {
        Files.writeString(outside.resolve("passwd"), "evil:x:0:0::/:/bin/sh\n");
        Files.delete(rootfs.resolve("etc/passwd"));
        // absolute and climbing links both stay inside: they point at nothing there
        Files.createSymbolicLink(rootfs.resolve("etc/passwd"), outside.resolve("passwd"));
        assertThatThrownBy(() -> resolve("evil", List.of())).hasMessageContaining("no matching entries");
        Files.delete(rootfs.resolve("etc/passwd"));
        Files.createSymbolicLink(rootfs.resolve("etc/passwd"),
                Path.of("../../../../../../../../..").resolve(outside.toString().substring(1)).resolve("passwd"));
        assertThatThrownBy(() -> resolve("evil", List.of())).hasMessageContaining("no matching entries");
    }

    @Test
    void of_linksInsideTheRootfsAreFollowed() throws IOException {
        Files.createDirectories(rootfs.resolve("usr/lib"));
        Files.move(rootfs.resolve("etc/passwd"), rootfs.resolve("usr/lib/passwd"));
        Files.createSymbolicLink(rootfs.resolve("etc/passwd"), Path.of("/usr/lib/passwd"));
        assertThat(resolve("svc", List.of()).home()).isEqualTo("/srv");
    }
}

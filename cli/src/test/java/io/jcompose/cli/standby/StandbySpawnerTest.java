package io.jcompose.cli.standby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandbySpawnerTest {

    @TempDir
    Path dir;

    @Test
    void aStandbyRunsTheSameJvmWithoutTheCommand() {
        List<String> cold = List.of("/jdk/bin/java", "-Xmn16m", "-Djcompose.standby.socket=/s", "-cp", "a.jar:b.jar",
                "io.jcompose.cli.Jcompose", "--backend", "linux", "up", "-d");
        assertThat(StandbySpawner.standbyCommand(cold)).containsExactly("/jdk/bin/java", "-Xmn16m",
                "-Djcompose.standby.socket=/s", "-cp", "a.jar:b.jar", "-Djcompose.standby.role=standby",
                "io.jcompose.cli.Jcompose");
    }

    @Test
    void aStandbysSuccessorHasTheRoleOnce() {
        List<String> standby = List.of("/jdk/bin/java", "-cp", "a.jar", "-Djcompose.standby.role=standby",
                "io.jcompose.cli.Jcompose");
        assertThat(StandbySpawner.standbyCommand(standby)).isEqualTo(standby);
    }

    @Test
    void refusesACommandLineThatIsNotJcompose() {
        assertThatThrownBy(() -> StandbySpawner.standbyCommand(List.of("/jdk/bin/java", "-version")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readsItsOwnCommandLine() throws Exception {
        assertThat(StandbySpawner.ownCommandLine().get(0)).endsWith("java");
    }

    @Test
    void theStampNoticesARebuiltJar() throws Exception {
        Path jar = Files.writeString(dir.resolve("a.jar"), "one");
        Path other = Files.writeString(dir.resolve("b.jar"), "two");
        ClasspathStamp stamp = ClasspathStamp.of(jar + ":" + other);
        assertThat(stamp.current()).isTrue();
        Files.writeString(other, "two");
        Files.setLastModifiedTime(other, FileTime.fromMillis(Files.getLastModifiedTime(other).toMillis() + 5000));
        assertThat(stamp.current()).isFalse();
    }

    @Test
    void theStampNoticesAReplacedJar() throws Exception {
        Path jar = Files.writeString(dir.resolve("a.jar"), "one");
        FileTime time = Files.getLastModifiedTime(jar);
        ClasspathStamp stamp = ClasspathStamp.of(jar.toString());
        Path fresh = Files.writeString(dir.resolve("a.jar.new"), "one");
        Files.setLastModifiedTime(fresh, time);
        Files.move(fresh, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertThat(stamp.current()).isFalse();
    }
}

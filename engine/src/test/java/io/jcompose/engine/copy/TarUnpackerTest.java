package io.jcompose.engine.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jcompose.engine.spi.ConflictException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarUnpackerTest {

    @TempDir
    Path dir;

    @Test
    void extract_packedTree_roundTripsWithModesAndLinks() throws IOException {
        Path src = Files.createDirectories(dir.resolve("src/sub"));
        Files.writeString(src.getParent().resolve("run.sh"), "echo hi\n");
        Files.setPosixFilePermissions(src.getParent().resolve("run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.createSymbolicLink(src.resolve("link"), Path.of("../run.sh"));
        ByteArrayOutputStream tar = new ByteArrayOutputStream();
        TarPacker.write(dir.resolve("src"), "copy", tar);
        Path out = Files.createDirectories(dir.resolve("out"));

        TarUnpacker.extract(new ByteArrayInputStream(tar.toByteArray()), out, n -> n);

        assertThat(Files.readString(out.resolve("copy/run.sh"))).isEqualTo("echo hi\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("copy/run.sh"))))
                .isEqualTo("rwxr-x---");
        assertThat(Files.readSymbolicLink(out.resolve("copy/sub/link"))).isEqualTo(Path.of("../run.sh"));
    }

    @Test
    void extract_entryClimbingOut_isRefused() throws IOException {
        byte[] tar = tar(file("../evil.txt"));
        Path out = Files.createDirectories(dir.resolve("out"));

        assertThatThrownBy(() -> TarUnpacker.extract(new ByteArrayInputStream(tar), out, n -> n))
                .isInstanceOf(IOException.class).hasMessageContaining("outside");
        assertThat(dir.resolve("evil.txt")).doesNotExist();
    }

    @Test
    void extract_throughALinkItMade_isRefused() throws IOException {
        TarArchiveEntry link = new TarArchiveEntry("escape", TarConstants.LF_SYMLINK);
        link.setLinkName(dir.toString());
        byte[] tar = tar(link, file("escape/evil.txt"));
        Path out = Files.createDirectories(dir.resolve("out"));

        assertThatThrownBy(() -> TarUnpacker.extract(new ByteArrayInputStream(tar), out, n -> n))
                .isInstanceOf(IOException.class).hasMessageContaining("a link takes it outside");
        assertThat(dir.resolve("evil.txt")).doesNotExist();
    }

    @Test
    void extract_fileOverDirectory_isAConflict() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out/name"));
        byte[] tar = tar(file("name"));

        assertThatThrownBy(() -> TarUnpacker.extract(new ByteArrayInputStream(tar), out.getParent(), n -> n))
                .isInstanceOf(ConflictException.class).hasMessageContaining("cannot overwrite directory");
    }

    private static TarArchiveEntry file(String name) {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(2);
        return e;
    }

    private static byte[] tar(TarArchiveEntry... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            for (TarArchiveEntry e : entries) {
                tar.putArchiveEntry(e);
                if (e.getSize() > 0) {
                    tar.write("x\n".getBytes(StandardCharsets.UTF_8));
                }
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}

package io.jcompose.engine.linux.build;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jcompose.engine.linux.sys.FileMetadata;
import io.jcompose.engine.linux.sys.ProcessIdentity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CopyInstructionTest {

    @TempDir
    Path tmp;

    private Path context;
    private Path image;
    private Path layer;
    private SourceTree tree;

    @BeforeEach
    void dirs() throws IOException {
        assumeTrue(ProcessIdentity.isRoot(), "copies set owners");
        context = Files.createDirectories(tmp.resolve("context"));
        image = Files.createDirectories(tmp.resolve("image"));
        layer = Files.createDirectories(tmp.resolve("layer"));
        Files.writeString(context.resolve("app.py"), "print(1)");
        Files.writeString(context.resolve("b.py"), "print(2)");
        Files.createDirectories(context.resolve("src/pkg"));
        Files.writeString(context.resolve("src/pkg/m.py"), "x");
        Files.writeString(context.resolve("src/secret.txt"), "no");
        Files.createDirectories(image.resolve("usr/local/bin"));
        FileMetadata.lchown(image.resolve("usr/local"), 0, 50);
        FileMetadata.chmod(image.resolve("usr/local"), 02775);
        Files.createSymbolicLink(image.resolve("bin"), Path.of("usr/local/bin"));
        Files.createDirectories(image.resolve("srv"));
        tree = SourceTree.context(context, p -> p.endsWith("secret.txt"));
    }

    private List<String> layerFiles() throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(layer)) {
            walk.filter(p -> !p.equals(layer)).forEach(p -> out.add(layer.relativize(p)
                    + (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? "/" : "")));
        }
        return out;
    }

    private void copy(String dest, Optional<CopyInstruction.Owner> owner, String... sources) throws Exception {
        List<SourceTree.Match> matches = new ArrayList<>();
        for (String s : sources) {
            matches.addAll(tree.resolve(s));
        }
        boolean several = sources.length > 1 || Stream.of(sources).anyMatch(SourceTree::wildcard);
        new CopyInstruction(image, layer, owner, Optional.empty()).copy(matches, several,
                CopyInstruction.absolute(dest, "/work"), tree);
    }

    @Test
    void relativeDestinationsAreBelowTheWorkdir() {
        assertThat(CopyInstruction.absolute(".", "/work")).isEqualTo("/work/");
        assertThat(CopyInstruction.absolute("a/b", "/work")).isEqualTo("/work/a/b");
        assertThat(CopyInstruction.absolute("a/", "")).isEqualTo("/a/");
        assertThat(CopyInstruction.absolute("/x/../y", "/work")).isEqualTo("/y");
    }

    @Test
    void aFileToADestinationWithoutSlashTakesThatName() throws Exception {
        copy("main.py", Optional.empty(), "app.py");
        assertThat(layerFiles()).containsExactlyInAnyOrder("work/", "work/main.py");
        assertThat(Files.getAttribute(layer.resolve("work"), "unix:mode")).matches(m -> ((Integer) m & 07777) == 0755);
    }

    @Test
    void aFileToADirectoryKeepsItsName() throws Exception {
        copy("/srv", Optional.empty(), "app.py");
        assertThat(layerFiles()).contains("srv/app.py");
        copy("./", Optional.empty(), "b.py");
        assertThat(layerFiles()).contains("work/b.py");
    }

    @Test
    void aLinkNamedAsASourceIsCopiedAsItsTargetUnderItsOwnName() throws Exception {
        Files.createSymbolicLink(context.resolve("latest.py"), Path.of("app.py"));
        copy("/srv/", Optional.empty(), "app.py", "latest.py");
        assertThat(layerFiles()).containsExactlyInAnyOrder("srv/", "srv/app.py", "srv/latest.py");
        assertThat(Files.isSymbolicLink(layer.resolve("srv/latest.py"))).isFalse();
        assertThat(Files.readString(layer.resolve("srv/latest.py"))).isEqualTo("print(1)");
    }

    @Test
    void aDirectoryHasItsContentsCopiedWithoutIgnoredFiles() throws Exception {
        copy("/opt/", Optional.of(new CopyInstruction.Owner(1000, 1000)), "src");
        assertThat(layerFiles()).containsExactlyInAnyOrder("opt/", "opt/pkg/", "opt/pkg/m.py");
        assertThat(Files.getAttribute(layer.resolve("opt/pkg/m.py"), "unix:uid")).isEqualTo(1000);
        assertThat(Files.getAttribute(layer.resolve("opt"), "unix:uid")).isEqualTo(1000);
    }

    @Test
    void linksInTheDestinationAreFollowedAndExistingDirectoriesKeepTheirMetadata() throws Exception {
        copy("/bin/", Optional.empty(), "app.py");
        assertThat(layerFiles()).containsExactlyInAnyOrder("usr/", "usr/local/", "usr/local/bin/",
                "usr/local/bin/app.py");
        assertThat(Files.getAttribute(layer.resolve("usr/local"), "unix:gid")).isEqualTo(50);
        assertThat((Integer) Files.getAttribute(layer.resolve("usr/local"), "unix:mode") & 07777).isEqualTo(02775);
    }

    @Test
    void severalSourcesNeedADirectory() {
        assertThatThrownBy(() -> copy("/dest", Optional.empty(), "app.py", "b.py"))
                .isInstanceOf(CopyInstruction.DestinationException.class).hasMessageContaining("end with a /");
    }

    @Test
    void wildcardsMatchPerComponentAndMissingSourcesAreNamed() throws Exception {
        copy("/w/", Optional.empty(), "*.py");
        assertThat(layerFiles()).contains("w/app.py", "w/b.py");
        assertThatThrownBy(() -> tree.resolve("nope.txt")).isInstanceOf(SourceTree.SourceException.class)
                .hasMessageContaining("\"nope.txt\": not found");
        assertThatThrownBy(() -> tree.resolve("../etc/passwd")).hasMessageContaining("outside the build context");
        assertThatThrownBy(() -> tree.resolve("src/secret.txt")).hasMessageContaining("not found");
    }

    @Test
    void theContentDigestChangesWithContentAndModeButNotWithTime() throws Exception {
        String before = tree.digest(tree.resolve("src"));
        Files.setLastModifiedTime(context.resolve("src/pkg/m.py"), java.nio.file.attribute.FileTime.fromMillis(0));
        assertThat(tree.digest(tree.resolve("src"))).isEqualTo(before);
        Files.writeString(context.resolve("src/secret.txt"), "ignored files do not count");
        assertThat(tree.digest(tree.resolve("src"))).isEqualTo(before);
        Files.writeString(context.resolve("src/pkg/m.py"), "y");
        String changed = tree.digest(tree.resolve("src"));
        assertThat(changed).isNotEqualTo(before);
        FileMetadata.chmod(context.resolve("src/pkg/m.py"), 0700);
        assertThat(tree.digest(tree.resolve("src"))).isNotEqualTo(changed);
    }
}

package io.jcompose.engine.spec;

import io.jcompose.model.Project;
import io.jcompose.model.load.LoadOptions;
import io.jcompose.model.load.ProjectLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Loads compose text the way the CLI does, with an empty environment and the project name {@code p}. */
final class ComposeProjects {

    private ComposeProjects() {
    }

    static Project load(Path dir, String composeYaml) {
        try {
            Files.writeString(dir.resolve("compose.yaml"), composeYaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ProjectLoader.load(LoadOptions.in(dir).withFiles(List.of("compose.yaml"))
                .withEnvironment(Map.of()).withProjectName("p"));
    }
}

package io.jcompose.cli.command;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PushCommandTest {

    @ParameterizedTest
    @CsvSource({"app:1.0,app", "app,app", "127.0.0.1:5000/team/app:extra,127.0.0.1:5000/team/app",
        "127.0.0.1:5000/team/app,127.0.0.1:5000/team/app", "registry:5000/app@sha256:abc,registry:5000/app",
        "registry:5000/app:1@sha256:abc,registry:5000/app"})
    void tagsOfOneRepositoryArePushedOneAfterTheOther(String reference, String repository) {
        assertThat(PushCommand.repository(reference)).isEqualTo(repository);
    }
}

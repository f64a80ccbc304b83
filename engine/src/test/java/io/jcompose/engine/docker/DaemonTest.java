package io.jcompose.engine.docker;

import io.jcompose.engine.spi.ContainerOps;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The set-up every test against the real daemon shares: one connection per class, a fixture cleaned per test. */
abstract class DaemonTest {

    static DockerBackend backend;
    DaemonFixture fx;
    ContainerOps containers;

    @BeforeAll
    static void connect() {
        backend = DaemonFixture.connect();
    }

    @AfterAll
    static void close() {
        if (backend != null) {
            backend.close();
        }
    }

    @BeforeEach
    void setUp(@TempDir Path dir) {
        fx = new DaemonFixture(backend, dir);
        containers = backend.containers();
    }

    @AfterEach
    void cleanUp() {
        fx.cleanUp();
    }
}

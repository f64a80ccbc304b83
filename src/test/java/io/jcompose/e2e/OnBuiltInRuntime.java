package io.jcompose.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcompose.engine.linux.LinuxHost;
import org.junit.jupiter.api.BeforeAll;

/**
 * What the end-to-end tests of the built-in runtime share: they run where it can run (root, an OCI runtime,
 * overlayfs: CI), with the fixture images in the default store. Subclasses carry
 * {@code @EnabledIf("io.jcompose.e2e.OnBuiltInRuntime#canRun")}.
 */
abstract class OnBuiltInRuntime {

    static boolean canRun() {
        return LinuxHost.unavailable(System.getenv()).isEmpty();
    }

    @BeforeAll
    static void fixtureImages() throws Exception {
        LinuxProjectRun.importFixtures();
    }

    /** A jcompose run that must succeed (its output explains a failure); returned for further checks. */
    static LinuxProjectRun.Result ok(LinuxProjectRun.Result r) {
        assertThat(r.code()).as("exit code; out: %s err: %s", r.out(), r.err()).isZero();
        return r;
    }
}

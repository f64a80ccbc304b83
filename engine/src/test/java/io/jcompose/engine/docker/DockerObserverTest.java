package io.jcompose.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcompose.planner.observed.Health;
import org.junit.jupiter.api.Test;

/** What the container list's status text says, since the list answer has no fields for it. */
class DockerObserverTest {

    @Test
    void exitCode_fromTheStatusText() {
        assertThat(DockerObserver.exitCode("Exited (137) 5 seconds ago")).isEqualTo(137);
        assertThat(DockerObserver.exitCode("Exited (0) About a minute ago")).isZero();
        assertThat(DockerObserver.exitCode("Up 3 seconds")).isZero();
        assertThat(DockerObserver.exitCode("")).isZero();
    }

    @Test
    void health_fromTheStatusText() {
        assertThat(DockerObserver.health("Up 5 seconds (healthy)")).isEqualTo(Health.HEALTHY);
        assertThat(DockerObserver.health("Up 5 seconds (unhealthy)")).isEqualTo(Health.UNHEALTHY);
        assertThat(DockerObserver.health("Up 1 second (health: starting)")).isEqualTo(Health.STARTING);
        assertThat(DockerObserver.health("Up 5 seconds")).isEqualTo(Health.NONE);
        assertThat(DockerObserver.health("Exited (1) 2 seconds ago")).isEqualTo(Health.NONE);
    }
}

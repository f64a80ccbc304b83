package io.jcompose.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import io.jcompose.engine.spi.BackendUnavailableException;
import io.jcompose.engine.spi.EngineException;
import io.jcompose.engine.spi.RuntimeFailureException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

class DockerErrorsTest {

    private static final String HOST = "unix:///var/run/docker.sock";

    private static EngineException map(RuntimeException e) {
        return DockerErrors.map("start container p-web-1", e, HOST);
    }

    @Test
    void map_statusCodesToTheSpiWithTheDaemonsMessage() {
        assertThat(map(new NotFoundException("{\"message\":\"No such container: p-web-1\"}\n")))
                .isInstanceOf(io.jcompose.engine.spi.NotFoundException.class)
                .hasMessage("start container p-web-1: No such container: p-web-1");
        assertThat(map(new ConflictException("{\"message\":\"name in use\"}")))
                .isInstanceOf(io.jcompose.engine.spi.ConflictException.class)
                .hasMessage("start container p-web-1: name in use");
        assertThat(map(new DockerException("{\"message\":\"network has active endpoints\"}", 403)))
                .isInstanceOf(io.jcompose.engine.spi.ConflictException.class);
        assertThat(map(new BadRequestException("plain text, not json")))
                .isInstanceOf(RuntimeFailureException.class)
                .hasMessage("start container p-web-1: plain text, not json");
    }

    @Test
    void map_ioFailureBelowHttpIsAnUnreachableDaemon() {
        EngineException e = map(new RuntimeException(new IOException(new ConnectException("Connection refused"))));

        assertThat(e).isInstanceOf(BackendUnavailableException.class)
                .hasMessageStartingWith("cannot connect to the Docker daemon at " + HOST
                        + " (the default when DOCKER_HOST is not set): Connection refused;")
                .hasMessageContaining("is dockerd running?").hasMessageNotContaining("\n");
    }

    @Test
    void map_engineExceptionsPassThrough() {
        RuntimeFailureException already = new RuntimeFailureException("already mapped");
        assertThat(map(already)).isSameAs(already);
    }

    @Test
    void isTransient_connectionTimeoutsAndServerErrorsButNeverUserErrors() {
        assertThat(DockerErrors.isTransient(new RuntimeException(new ConnectException("refused")))).isTrue();
        assertThat(DockerErrors.isTransient(new RuntimeException(new SocketTimeoutException()))).isTrue();
        assertThat(DockerErrors.isTransient(new InternalServerErrorException("{\"message\":\"oops\"}"))).isTrue();
        assertThat(DockerErrors.isTransient(new DockerException("busy", 503))).isTrue();

        assertThat(DockerErrors.isTransient(new InternalServerErrorException("{\"message\":\"driver failed: Bind"
                + " for 0.0.0.0:8080 failed: port is already allocated\"}"))).as("a 500 that is a user error")
                .isFalse();
        assertThat(DockerErrors.isTransient(new NotFoundException("gone"))).isFalse();
        assertThat(DockerErrors.isTransient(new ConflictException("taken"))).isFalse();
        assertThat(DockerErrors.isTransient(new BadRequestException("bad"))).isFalse();
        assertThat(DockerErrors.isTransient(new IllegalStateException("a bug"))).isFalse();
    }

    @Test
    void isNotModified_onlyFor304() {
        assertThat(DockerErrors.isNotModified(new NotModifiedException("already started"))).isTrue();
        assertThat(DockerErrors.isNotModified(new ConflictException("x"))).isFalse();
    }
}

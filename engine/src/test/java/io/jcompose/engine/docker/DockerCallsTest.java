package io.jcompose.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.InternalServerErrorException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.RetryConfig;
import io.jcompose.engine.spi.BackendUnavailableException;
import io.jcompose.engine.spi.RuntimeFailureException;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The retry and mapping wrapper alone: the calls below never touch the (absent) client. */
class DockerCallsTest {

    private final DockerCalls calls = new DockerCalls(null, "unix:///nowhere.sock", RetryConfig.from(
            DockerCalls.DEFAULT_RETRY).intervalFunction(IntervalFunction.of(1)).build());
    private final AtomicInteger attempts = new AtomicInteger();

    @Test
    void call_retriesConnectionRefusedUntilTheDaemonIsBack() {
        String answer = calls.call("list containers", c -> {
            if (attempts.incrementAndGet() < 3) {
                throw new RuntimeException(new IOException(new ConnectException("Connection refused")));
            }
            return "ok";
        });

        assertThat(answer).isEqualTo("ok");
        assertThat(attempts).hasValue(3);
    }

    @Test
    void call_givesUpOnADaemonThatStaysAwayWithTheHostInTheMessage() {
        assertThatThrownBy(() -> calls.call("list containers", c -> {
            attempts.incrementAndGet();
            throw new RuntimeException(new IOException("No such file or directory"));
        })).isInstanceOf(BackendUnavailableException.class).hasMessageContaining("unix:///nowhere.sock");
        assertThat(attempts).hasValue(6);
    }

    @Test
    void call_retriesAServerErrorButNeverAClientError() {
        String answer = calls.call("x", c -> attempts.incrementAndGet() < 2 ? fail500() : "ok");
        assertThat(answer).isEqualTo("ok");
        attempts.set(0);
        assertThatThrownBy(() -> calls.call("create container a", c -> {
            attempts.incrementAndGet();
            throw new BadRequestException("{\"message\":\"invalid mount\"}");
        })).isInstanceOf(RuntimeFailureException.class).hasMessage("create container a: invalid mount");
        assertThat(attempts).hasValue(1);
    }

    private static String fail500() {
        throw new InternalServerErrorException("{\"message\":\"try again\"}");
    }

    @Test
    void run_notModifiedIsDone() {
        calls.run("start container a", c -> {
            attempts.incrementAndGet();
            throw new NotModifiedException("");
        });
        assertThat(attempts).hasValue(1);
    }

    @Test
    void find_notFoundIsEmpty() {
        assertThat(calls.find("inspect container a", c -> {
            throw new NotFoundException("{\"message\":\"No such container: a\"}");
        })).isEmpty();
    }
}

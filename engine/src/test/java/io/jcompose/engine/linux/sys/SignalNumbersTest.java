package io.jcompose.engine.linux.sys;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SignalNumbersTest {

    @ParameterizedTest
    @CsvSource({"TERM,15", "SIGTERM,15", "sigkill,9", "KILL,9", "15,15", "SIGUSR1,10", "HUP,1", "WINCH,28",
        "IOT,6", "RTMIN,34", "RTMIN+3,37", "SIGRTMAX-2,62", "RTMAX,64", "64,64", "1,1"})
    void namesAndNumbersAsDockerTakesThem(String name, int number) {
        assertThat(SignalNumbers.of(name)).hasValue(number);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "SIG", "NOPE", "0", "65", "9999", "RTMIN+31", "RTMAX+1", "RTMIN-1", "RTMIN+", "-9",
        "RTMINX"})
    void whatLinuxHasNot(String name) {
        assertThat(SignalNumbers.of(name)).isEmpty();
    }
}

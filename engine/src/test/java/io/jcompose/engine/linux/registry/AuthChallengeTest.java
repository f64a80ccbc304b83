package io.jcompose.engine.linux.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AuthChallengeTest {

    @Test
    void bearer_withQuotedCommasInTheScope() {
        assertThat(AuthChallenge.parse("Bearer realm=\"https://auth.docker.io/token\",service=\"registry.docker.io\","
                + "scope=\"repository:library/redis:pull,push\""))
                .contains(new AuthChallenge.Bearer("https://auth.docker.io/token", Optional.of("registry.docker.io"),
                        Optional.of("repository:library/redis:pull,push")));
    }

    @Test
    void bearer_withoutServiceOrScope_andUnquotedValues() {
        assertThat(AuthChallenge.parse("bearer realm=https://ghcr.io/token"))
                .contains(new AuthChallenge.Bearer("https://ghcr.io/token", Optional.empty(), Optional.empty()));
        assertThat(AuthChallenge.parse("Bearer service=\"x\"")).as("no realm: nothing to ask").isEmpty();
    }

    @Test
    void basic_andUnknownSchemes() {
        assertThat(AuthChallenge.parse("Basic realm=\"Registry Realm\""))
                .contains(new AuthChallenge.Basic(Optional.of("Registry Realm")));
        assertThat(AuthChallenge.parse("Negotiate")).isEmpty();
    }
}

package io.jcompose.engine.linux.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Each fault's exact message: {@code FILE:LINE: INSTRUCTION: reason}. */
class ErrorsTest {

    private static void fails(String text, String message) {
        assertThatThrownBy(() -> Dockerfile.parse(text, "Dockerfile"))
                .isInstanceOf(DockerfileException.class)
                .hasMessage(message);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '^', value = {
        "CPOY a b | CPOY: unknown instruction (did you mean COPY?)",
        "workdri /x | WORKDRI: unknown instruction (did you mean WORKDIR?)",
        "FOO bar | FOO: unknown instruction",
        "COPY --form=x a b | COPY: unknown flag: --form (did you mean --from?)",
        "ADD --from=x a b | ADD: unknown flag: --from",
        "RUN --nope echo | RUN: unknown flag: --nope",
        "ENV --x=1 | ENV: unknown flag: --x",
        "COPY --from a b | COPY: missing a value on flag: --from",
        "COPY --from=a --from=b a b | COPY: duplicate flag specified: --from",
        "COPY --link=yes a b | COPY: expecting boolean value for flag --link, not: yes",
        "COPY a | COPY: requires at least two arguments, but only one was provided. Destination could not be determined",
        "ADD | ADD: requires at least two arguments, but only none was provided. Destination could not be determined",
        "RUN | RUN: requires at least one argument",
        "CMD | CMD: requires at least one argument",
        "ENTRYPOINT | ENTRYPOINT: requires at least one argument",
        "EXPOSE | EXPOSE: requires at least one argument",
        "VOLUME | VOLUME: requires at least one argument",
        "VOLUME [\"\"] | VOLUME: VOLUME specified can not be an empty string",
        "WORKDIR | WORKDIR: requires exactly one argument",
        "USER | USER: requires exactly one argument",
        "STOPSIGNAL | STOPSIGNAL: requires exactly one argument",
        "ARG | ARG: requires at least one argument",
        "ARG =x | ARG: ARG names can not be blank",
        "ENV | ENV: requires at least one argument",
        "ENV A | ENV: must have two arguments (ENV key value, or ENV key=value)",
        "ENV A=1 B | ENV: Syntax error - can't find = in \"B\". Must be of the form: name=value",
        "ENV =1 | ENV: ENV names can not be blank",
        "LABEL a=1 b | LABEL: Syntax error - can't find = in \"b\". Must be of the form: name=value",
        "SHELL /bin/sh -c | SHELL: requires the arguments to be in JSON form, as [\"executable\", \"parameters\"]",
        "SHELL [\"sh\", | SHELL: requires the arguments to be in JSON form, as [\"executable\", \"parameters\"]",
        "SHELL [] | SHELL: requires at least one argument",
        "HEALTHCHECK | HEALTHCHECK: requires at least one argument (NONE, or CMD and a command)",
        "HEALTHCHECK NONE x | HEALTHCHECK: NONE takes no arguments",
        "HEALTHCHECK --retries=2 NONE | HEALTHCHECK: options cannot be given with NONE",
        "HEALTHCHECK curl x | HEALTHCHECK: unknown type \"curl\" (NONE or CMD)",
        "HEALTHCHECK CMD | HEALTHCHECK: missing a command after CMD",
        "HEALTHCHECK CMD [] | HEALTHCHECK: missing a command after CMD",
        "HEALTHCHECK --interval=5 CMD x | HEALTHCHECK: invalid duration \"5\" for --interval (e.g. 30s, 1m30s)",
        "HEALTHCHECK --timeout=10us CMD x | HEALTHCHECK: --timeout cannot be less than 1ms",
        "HEALTHCHECK --interval=-1s CMD x | HEALTHCHECK: --interval cannot be less than 1ms",
        "HEALTHCHECK --retries=x CMD x | HEALTHCHECK: invalid --retries \"x\": a whole number is expected",
        "HEALTHCHECK --retries=-1 CMD x | HEALTHCHECK: --retries cannot be negative",
        "HEALTHCHECK --period=1s CMD x | HEALTHCHECK: unknown flag: --period",
        "ONBUILD | ONBUILD: requires at least one argument",
        "ONBUILD ONBUILD RUN x | ONBUILD: chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed",
        "ONBUILD FROM alpine | ONBUILD: FROM isn't allowed as an ONBUILD trigger",
        "ONBUILD maintainer me | ONBUILD: MAINTAINER isn't allowed as an ONBUILD trigger",
        "ONBUILD CPY a b | CPY: unknown instruction (did you mean COPY?)",
        "RUN --network=bridge x | RUN: unsupported network mode 'bridge' (default, none or host)",
        "RUN --security=root x | RUN: unsupported security mode 'root' (sandbox or insecure)",
        "RUN --mount=type=nfs,target=/x y | RUN: --mount: unsupported mount type 'nfs' (bind, cache, tmpfs, secret or ssh)",
        "RUN --mount=type=cache y | RUN: --mount: a cache mount needs a target",
        "RUN --mount=type=bind,target=/x,color=red y | RUN: --mount: unexpected key 'color' in 'color=red'",
        "RUN --mount=type=tmpfs,target=/x,id=a y | RUN: --mount: option 'id' does not apply to a tmpfs mount",
        "RUN --mount=type=cache,target=/x,sharing=all y | RUN: --mount: unrecognized sharing mode 'all' (shared, private or locked)",
        "RUN --mount=type=cache,target=/x,mode=9 y | RUN: --mount: invalid mode '9': an octal number is expected",
        "RUN --mount=type=secret y | RUN: --mount: a secret mount needs an id or a target",
        "RUN --mount=target y | RUN: --mount: invalid field 'target' must be a key=value pair",
        "FROM | FROM: requires either one or three arguments (FROM image [AS name])",
        "FROM a b | FROM: requires either one or three arguments (FROM image [AS name])",
        "FROM a AS b c | FROM: requires either one or three arguments (FROM image [AS name])",
        "FROM a AS 1st | FROM: invalid name for build stage: \"1st\", name can't start with a number or contain symbols",
        "FROM a AS b/c | FROM: invalid name for build stage: \"b/c\", name can't start with a number or contain symbols",
    })
    void instructionFaults(String instruction, String message) {
        fails("FROM scratch\n" + instruction + "\n", "Dockerfile:2: " + message);
    }

    @Test
    void fileFaults() {
        fails("", "the Dockerfile (Dockerfile) cannot be empty");
        fails("# only a comment\n\n   \n", "the Dockerfile (Dockerfile) cannot be empty");
        fails("ARG A=1\n", "the Dockerfile (Dockerfile) has no FROM instruction");
        fails("ARG A\nRUN echo\nFROM scratch\n",
                "Dockerfile:2: RUN: no build stage in current context: only ARG may come before the first FROM");
        fails("FROM a AS one\nFROM b AS One\n", "Dockerfile:2: FROM: duplicate stage name \"one\"");
        fails("# escape=x\nFROM scratch\n", "Dockerfile:1: invalid escape token 'x' does not match ` or \\");
        fails("# escape=`\n# escape=\\\nFROM scratch\n", "Dockerfile:2: only one escape parser directive can be used");
        fails("FROM alpine\nRUN cat <<EOF\nnever ends\n",
                "Dockerfile:2: RUN: unterminated here-document: no line \"EOF\" after <<EOF");
    }

    @Test
    void fileNameIsTheCallersAndTheLineIsTheKeywords() {
        assertThatThrownBy(() -> Dockerfile.parse("FROM scratch\n\nRUN a \\\n  b\nCOPY x\n", "app/Dockerfile.dev"))
                .isInstanceOf(DockerfileException.class)
                .hasMessage("app/Dockerfile.dev:5: COPY: requires at least two arguments, but only one was provided. "
                        + "Destination could not be determined")
                .satisfies(e -> {
                    DockerfileException d = (DockerfileException) e;
                    org.assertj.core.api.Assertions.assertThat(d.line()).isEqualTo(5);
                    org.assertj.core.api.Assertions.assertThat(d.instruction()).isEqualTo(Optional.of("COPY"));
                    org.assertj.core.api.Assertions.assertThat(d.fileName()).isEqualTo("app/Dockerfile.dev");
                });
    }

    @Test
    void unknownTarget() {
        Dockerfile file = Dockerfile.parse("FROM a AS one\n", "Dockerfile");
        assertThatThrownBy(() -> file.target(Optional.of("two")))
                .isInstanceOf(DockerfileException.class)
                .hasMessage("target stage \"two\" could not be found in Dockerfile");
    }
}

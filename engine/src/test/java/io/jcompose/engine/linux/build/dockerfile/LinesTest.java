package io.jcompose.engine.linux.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Comments, continuations, blank lines and parser directives. */
class LinesTest {

    private static List<Instruction> body(String text) {
        return Dockerfile.parse(text, "Dockerfile").lastStage().instructions();
    }

    @Test
    void commentsAndBlankLinesAreSkippedButATrailingHashIsText() {
        List<Instruction> body = body("""
                # a comment
                FROM scratch

                   # indented comment
                RUN echo hi # not a comment
                """);
        assertThat(body).containsExactly(new Instruction.Run(5, "RUN echo hi # not a comment",
                new Command.Shell("echo hi # not a comment"), List.of(), List.of(), java.util.Optional.empty(),
                java.util.Optional.empty()));
    }

    @Test
    void continuationsJoinLinesAndSkipCommentAndEmptyLines() {
        List<Instruction> body = body("FROM scratch\n"
                + "RUN apt-get update && \\\n"
                + "# a comment in the middle\n"
                + "\n"
                + "    apt-get install -y curl \\   \n"
                + "  && rm -rf /var/lib/apt/lists/*\n"
                + "USER app\n");
        assertThat(body.get(0).line()).isEqualTo(2);
        assertThat(((Instruction.Run) body.get(0)).command()).isEqualTo(new Command.Shell(
                "apt-get update &&     apt-get install -y curl   && rm -rf /var/lib/apt/lists/*"));
        assertThat(body.get(1)).isEqualTo(new Instruction.User(7, "USER app", "app"));
    }

    @Test
    void continuationAtTheEndOfTheFileEndsTheInstruction() {
        assertThat(body("FROM scratch\nUSER app \\\n")).containsExactly(new Instruction.User(2, "USER app", "app"));
    }

    @Test
    void windowsLineEndingsAndAByteOrderMark() {
        List<Instruction> body = body("\uFEFFFROM scratch\r\nRUN a \\\r\n  b\r\n");
        assertThat(((Instruction.Run) body.getFirst()).command()).isEqualTo(new Command.Shell("a   b"));
    }

    @Test
    void escapeDirectiveMakesTheBacktickTheEscapeCharacter() {
        Dockerfile file = Dockerfile.parse("""
                # escape=`
                FROM mcr.microsoft.com/windows/servercore
                COPY testfile.txt c:\\
                RUN dir c:\\ `
                    && echo done
                """, "Dockerfile");
        assertThat(file.escape()).isEqualTo('`');
        List<Instruction> body = file.lastStage().instructions();
        assertThat(((Instruction.Copy) body.get(0)).destination()).isEqualTo("c:\\");
        assertThat(((Instruction.Run) body.get(1)).command()).isEqualTo(new Command.Shell("dir c:\\     && echo done"));
    }

    @Test
    void directivesAreCaseInsensitiveAndSpacedButOnlyAtTheTop() {
        Dockerfile spaced = Dockerfile.parse("#  ESCAPE = `\n# syntax=docker/dockerfile:1.7\n# check=skip=all\n"
                + "FROM scratch\n", "Dockerfile");
        assertThat(spaced.escape()).isEqualTo('`');
        assertThat(spaced.syntax()).contains("docker/dockerfile:1.7");
        assertThat(spaced.check()).contains("skip=all");

        assertThat(Dockerfile.parse("\n# escape=`\nFROM scratch\n", "Dockerfile").escape())
                .as("after an empty line it is a comment").isEqualTo('\\');
        assertThat(Dockerfile.parse("# a comment\n# escape=`\nFROM scratch\n", "Dockerfile").escape())
                .as("after a comment").isEqualTo('\\');
        assertThat(Dockerfile.parse("# unknown=x\n# escape=`\nFROM scratch\n", "Dockerfile").escape())
                .as("after an unknown directive, which is a comment").isEqualTo('\\');
        assertThat(Dockerfile.parse("FROM scratch\n# escape=`\n", "Dockerfile").escape())
                .as("after an instruction").isEqualTo('\\');
    }

    @Test
    void globalArgsComeBeforeTheFirstFrom() {
        Dockerfile file = Dockerfile.parse("ARG A=1\n# c\nARG B\nFROM alpine:$A\nARG A\n", "Dockerfile");
        assertThat(file.globalArgs()).extracting(Instruction::line).containsExactly(1, 3);
        assertThat(file.lastStage().instructions()).extracting(Instruction::keyword).containsExactly("ARG");
    }
}

package io.jcompose.engine.linux.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Here-documents of RUN, COPY and ADD. */
class HeredocTest {

    private static List<Instruction> body(String text) {
        return Dockerfile.parse(text, "Dockerfile").lastStage().instructions();
    }

    @Test
    void run_aScriptHeredocAndTheInstructionsAfterIt() {
        List<Instruction> body = body("""
                FROM alpine
                RUN <<EOF
                apk add curl
                # a comment stays: it is the script's
                echo "$HOME" \\
                EOF
                USER app
                """);
        Instruction.Run run = (Instruction.Run) body.get(0);
        assertThat(run.command()).isEqualTo(new Command.Shell("<<EOF"));
        assertThat(run.heredocs()).containsExactly(new Heredoc("EOF",
                "apk add curl\n# a comment stays: it is the script's\necho \"$HOME\" \\\n", true, false));
        assertThat(run.scriptWithHeredocs()).contains(
                "<<EOF\napk add curl\n# a comment stays: it is the script's\necho \"$HOME\" \\\nEOF");
        assertThat(body.get(1)).isEqualTo(new Instruction.User(7, "USER app", "app"));
    }

    @Test
    void run_dashStripsLeadingTabsAndQuotesTurnExpansionOff() {
        Instruction.Run run = (Instruction.Run) body(
                "FROM alpine\nRUN cat <<-\"EOF\" > /a\n\t\tkeep $X\n\t  spaces stay\n\tEOF\n").getFirst();
        assertThat(run.heredocs()).containsExactly(new Heredoc("EOF", "keep $X\n  spaces stay\n", false, true));
        assertThat(run.command()).isEqualTo(new Command.Shell("cat <<-\"EOF\" > /a"));
    }

    @Test
    void run_severalHeredocsOnOneLineAreReadInOrder() {
        List<Instruction> body = body("""
                FROM alpine
                RUN --mount=type=cache,target=/c cat <<A >/a && 3<<'B' cat>/b
                one
                A
                two
                B
                WORKDIR /w
                """);
        Instruction.Run run = (Instruction.Run) body.getFirst();
        assertThat(run.heredocs()).containsExactly(new Heredoc("A", "one\n", true, false),
                new Heredoc("B", "two\n", false, false));
        assertThat(run.mounts()).hasSize(1);
        assertThat(body.get(1).line()).isEqualTo(7);
    }

    @Test
    void run_shellConstructsThatAreNotHeredocs() {
        Instruction.Run run = (Instruction.Run) body(
                "FROM alpine\nRUN echo '<<A' \"<<B\" $((1<<2)) && cat <<<here\nUSER x\n").getFirst();
        assertThat(run.heredocs()).isEmpty();
        assertThat(((Instruction.Run) body("FROM alpine\nRUN [\"cat\", \"<<EOF\"]\n").getFirst()).heredocs())
                .as("not in the exec form").isEmpty();
    }

    @Test
    void copy_heredocSourcesMakeFiles() {
        List<Instruction> body = body("""
                FROM alpine
                COPY --chmod=755 <<EOF /usr/local/bin/hello
                #!/bin/sh
                echo hello $NAME
                EOF
                COPY <<one <<'two' /etc/
                1
                one
                2
                two
                """);
        Instruction.Copy script = (Instruction.Copy) body.get(0);
        assertThat(script.sources()).containsExactly(
                new CopySource.Inline(new Heredoc("EOF", "#!/bin/sh\necho hello $NAME\n", true, false)));
        assertThat(script.destination()).isEqualTo("/usr/local/bin/hello");
        assertThat(script.chmod()).contains("755");
        Instruction.Copy two = (Instruction.Copy) body.get(1);
        assertThat(two.line()).isEqualTo(6);
        assertThat(two.sources()).containsExactly(new CopySource.Inline(new Heredoc("one", "1\n", true, false)),
                new CopySource.Inline(new Heredoc("two", "2\n", false, false)));
    }

    @Test
    void add_heredocAndAnEmptyBody() {
        Instruction.Add add = (Instruction.Add) body("FROM alpine\nADD <<E /empty\nE\n").getFirst();
        assertThat(add.sources()).containsExactly(new CopySource.Inline(new Heredoc("E", "", true, false)));
    }

    @Test
    void onbuild_triggerDoesNotReadHeredocs() {
        List<Instruction> body = body("FROM alpine\nONBUILD RUN cat <<EOF\nUSER x\n");
        Instruction.Run trigger = (Instruction.Run) ((Instruction.OnBuild) body.get(0)).trigger();
        assertThat(trigger.heredocs()).isEmpty();
        assertThat(body.get(1).keyword()).isEqualTo("USER");
    }
}

package io.jcompose.engine.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.BuildResponseItem;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.PullResponseItem;
import com.github.dockerjava.api.model.StreamType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The callbacks that turn the daemon's streams into lines: logs, build output, pull progress. */
class StreamOutputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static Frame frame(StreamType type, String text) {
        return new Frame(type, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void frameLines_joinsFramesIntoLinesPerStream() {
        List<String> lines = new ArrayList<>();
        FrameLines sink = new FrameLines((text, stderr) -> lines.add((stderr ? "err " : "out ") + text));

        sink.onNext(frame(StreamType.STDOUT, "hel"));
        sink.onNext(frame(StreamType.STDERR, "warn\r\n"));
        sink.onNext(frame(StreamType.STDOUT, "lo\nwor"));
        sink.onNext(frame(StreamType.RAW, "ld"));
        sink.onComplete();

        assertThat(lines).containsExactly("err warn", "out hello", "out world");
    }

    private static BuildResponseItem build(String json) throws Exception {
        return JSON.readValue(json, BuildResponseItem.class);
    }

    @Test
    void buildOutput_namesTheFailingStepAndTheTailOfItsOutput() throws Exception {
        List<String> progress = new ArrayList<>();
        BuildOutput out = new BuildOutput("p-web", progress::add);
        out.onNext(build("{\"stream\":\"Step 1/2 : FROM busybox\\n ---> 36cf7eadffc9\\n\"}"));
        out.onNext(build("{\"stream\":\"Step 2/2 : RUN make\"}"));
        out.onNext(build("{\"stream\":\"\\n ---> Running in 1f2e\\n\"}"));
        out.onNext(build("{\"stream\":\"\\u001b[91mcc: error\\n\\u001b[0m\"}"));
        out.onNext(build("{\"errorDetail\":{\"code\":2,\"message\":\"returned a non-zero code: 2\"},"
                + "\"error\":\"returned a non-zero code: 2\"}"));

        assertThat(out.failure()).get().extracting(Throwable::getMessage).isEqualTo(
                "build of p-web failed at step 2/2 (RUN make): returned a non-zero code: 2"
                        + System.lineSeparator() + "  cc: error");
        assertThat(progress).containsExactly("Step 1/2 : FROM busybox", " ---> 36cf7eadffc9", "Step 2/2 : RUN make",
                " ---> Running in 1f2e", "cc: error");
    }

    @Test
    void buildOutput_noErrorNoFailure() throws Exception {
        BuildOutput out = new BuildOutput("p-web", line -> { });
        out.onNext(build("{\"stream\":\"Successfully built 36cf7eadffc9\\n\"}"));
        assertThat(out.failure()).isEmpty();
    }

    @Test
    void progressLines_oneLinePerStatusChangeOfEachLayer() throws Exception {
        List<String> lines = new ArrayList<>();
        ProgressLines<PullResponseItem> progress = new ProgressLines<>(lines::add);
        for (String json : List.of("{\"status\":\"Pulling from library/redis\",\"id\":\"7\"}",
                "{\"status\":\"Downloading\",\"id\":\"a1\",\"progress\":\"[=> ] 1MB\"}",
                "{\"status\":\"Downloading\",\"id\":\"a1\",\"progress\":\"[==> ] 2MB\"}",
                "{\"status\":\"Pull complete\",\"id\":\"a1\"}",
                "{\"status\":\"Digest: sha256:abc\"}",
                "{\"errorDetail\":{\"message\":\"manifest unknown\"},\"error\":\"manifest unknown\"}")) {
            progress.onNext(JSON.readValue(json, PullResponseItem.class));
        }

        assertThat(lines).containsExactly("7: Pulling from library/redis", "a1: Downloading", "a1: Pull complete",
                "Digest: sha256:abc");
        assertThat(progress.error()).contains("manifest unknown");
    }
}

package io.jcompose.cli.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcompose.engine.event.EngineEvent;
import io.jcompose.planner.plan.Cause;
import io.jcompose.planner.plan.Operation;
import io.jcompose.planner.plan.PlanNode;
import io.jcompose.planner.plan.ResourceId;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProgressViewTest {

    private static final PlanNode START = new PlanNode(1, ResourceId.container("web", 1),
            new Operation.StartContainer("p-web-1"), List.of(), Cause.MISSING);
    private static final PlanNode RECREATE = new PlanNode(2, ResourceId.container("db", 1),
            new Operation.RenameContainer("0123456789ab_p-db-1", "p-db-1"), List.of(), Cause.REPLACED);

    private static String run(ProgressView.Mode mode, EngineEvent... events) {
        StringWriter out = new StringWriter();
        try (ProgressView view = new ProgressView(mode, new PrintWriter(out), "Running")) {
            for (EngineEvent e : events) {
                view.on(e);
            }
        }
        return out.toString();
    }

    @Test
    void plain_printsDockerComposeLines() {
        assertThat(run(ProgressView.Mode.PLAIN, new EngineEvent.Started(START),
                new EngineEvent.Finished(START, Duration.ofMillis(300)),
                new EngineEvent.Failed(RECREATE, new IllegalStateException("x"), Duration.ZERO)))
                .isEqualTo(" Container p-web-1  Starting\n Container p-web-1  Started\n Container p-db-1  Error\n");
    }

    @Test
    void json_printsOneObjectPerEvent() {
        assertThat(run(ProgressView.Mode.JSON, new EngineEvent.Finished(START, Duration.ofMillis(1500))))
                .isEqualTo("{\"id\":\"Container p-web-1\",\"status\":\"Started\",\"done\":true,\"seconds\":1.5}\n");
    }

    @Test
    void quiet_printsNothing() {
        assertThat(run(ProgressView.Mode.QUIET, new EngineEvent.Started(START),
                new EngineEvent.Warning("orphans found"))).isEmpty();
    }

    @Test
    void tty_redrawsOneLinePerObjectWithACounter() {
        String out = run(ProgressView.Mode.TTY, new EngineEvent.Started(START),
                new EngineEvent.Finished(START, Duration.ofMillis(400)));
        assertThat(out).contains("[+] Running 1/1").contains("Container p-web-1").contains("Started").contains("0.4s")
                .contains("\033[2A");
    }

    @Test
    void warning_isPrintedLikeDockerCompose() {
        assertThat(run(ProgressView.Mode.PLAIN, new EngineEvent.Warning("Found orphan containers")))
                .isEqualTo("WARN[0000] Found orphan containers\n");
    }
}

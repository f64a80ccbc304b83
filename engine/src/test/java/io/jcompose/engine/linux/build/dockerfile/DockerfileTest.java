package io.jcompose.engine.linux.build.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import io.jcompose.engine.linux.build.dockerfile.Instruction.ArgDefinition;
import io.jcompose.engine.linux.build.dockerfile.Instruction.KeyValue;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Whole Dockerfiles, as projects write them, read into the model. */
class DockerfileTest {

    @Test
    void parse_pythonScriptImage() {
        Dockerfile file = Dockerfile.parse("""
                FROM python:3.12-slim
                WORKDIR /app
                COPY script.py .
                CMD ["python", "script.py"]
                """, "Dockerfile");

        assertThat(file.globalArgs()).isEmpty();
        assertThat(file.escape()).isEqualTo('\\');
        assertThat(file.stages()).hasSize(1);
        Stage stage = file.stages().getFirst();
        assertThat(stage.index()).isZero();
        assertThat(stage.name()).isEmpty();
        assertThat(stage.base()).isEqualTo("python:3.12-slim");
        assertThat(stage.line()).isEqualTo(1);
        assertThat(stage.instructions()).containsExactly(
                new Instruction.Workdir(2, "WORKDIR /app", "/app"),
                new Instruction.Copy(3, "COPY script.py .", List.of(new CopySource.Word("script.py")), ".",
                        Optional.empty(), Optional.empty(), Optional.empty(), false, false, List.of()),
                new Instruction.Cmd(4, "CMD [\"python\", \"script.py\"]",
                        new Command.Exec(List.of("python", "script.py"))));
    }

    @Test
    void parse_flaskApp() {
        Dockerfile file = Dockerfile.parse("""
                # syntax=docker/dockerfile:1
                FROM python:3.12-alpine
                ENV FLASK_APP=app.py \\
                    FLASK_RUN_HOST=0.0.0.0
                RUN apk add --no-cache gcc musl-dev linux-headers
                COPY requirements.txt requirements.txt
                RUN pip install -r requirements.txt
                EXPOSE 5000
                COPY . .
                CMD ["flask", "run", "--debug"]
                """, "Dockerfile");

        assertThat(file.syntax()).contains("docker/dockerfile:1");
        List<Instruction> body = file.lastStage().instructions();
        assertThat(body).extracting(Instruction::keyword)
                .containsExactly("ENV", "RUN", "COPY", "RUN", "EXPOSE", "COPY", "CMD");
        assertThat(body.get(0)).isEqualTo(new Instruction.Env(3,
                "ENV FLASK_APP=app.py     FLASK_RUN_HOST=0.0.0.0",
                List.of(new KeyValue("FLASK_APP", "app.py"), new KeyValue("FLASK_RUN_HOST", "0.0.0.0"))));
        assertThat(body.get(1)).isEqualTo(new Instruction.Run(5, "RUN apk add --no-cache gcc musl-dev linux-headers",
                new Command.Shell("apk add --no-cache gcc musl-dev linux-headers"), List.of(), List.of(),
                Optional.empty(), Optional.empty()));
        assertThat(body.get(4)).isEqualTo(new Instruction.Expose(8, "EXPOSE 5000", List.of("5000")));
        assertThat(body.get(4).line()).isEqualTo(8);
    }

    @Test
    void parse_multiStageGoBuild() {
        Dockerfile file = Dockerfile.parse("""
                ARG GO_VERSION=1.22
                FROM --platform=$BUILDPLATFORM golang:${GO_VERSION} AS Build
                WORKDIR /src
                COPY go.mod go.sum ./
                RUN --mount=type=cache,target=/go/pkg/mod go mod download
                COPY . .
                ARG TARGETOS TARGETARCH
                RUN --mount=type=cache,target=/go/pkg/mod \\
                    --mount=type=cache,target=/root/.cache/go-build \\
                    CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app ./cmd/app

                FROM gcr.io/distroless/static:nonroot
                COPY --from=build /out/app /app
                USER nonroot:nonroot
                ENTRYPOINT ["/app"]
                """, "Dockerfile");

        assertThat(file.globalArgs()).containsExactly(new Instruction.Arg(1, "ARG GO_VERSION=1.22",
                List.of(new ArgDefinition("GO_VERSION", Optional.of("1.22")))));
        Stage build = file.stages().get(0);
        assertThat(build.name()).contains("build");
        assertThat(build.base()).isEqualTo("golang:${GO_VERSION}");
        assertThat(build.platform()).contains("$BUILDPLATFORM");
        assertThat(build.instructions().get(4)).isEqualTo(new Instruction.Arg(7, "ARG TARGETOS TARGETARCH",
                List.of(new ArgDefinition("TARGETOS", Optional.empty()),
                        new ArgDefinition("TARGETARCH", Optional.empty()))));
        Instruction.Run run = (Instruction.Run) build.instructions().get(5);
        assertThat(run.line()).isEqualTo(8);
        assertThat(run.mounts()).extracting(m -> m.target().orElseThrow())
                .containsExactly("/go/pkg/mod", "/root/.cache/go-build");
        assertThat(run.command()).isEqualTo(new Command.Shell(
                "CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app ./cmd/app"));
        Stage runtime = file.stages().get(1);
        assertThat(runtime.index()).isEqualTo(1);
        assertThat(runtime.line()).isEqualTo(12);
        assertThat(runtime.instructions()).extracting(Instruction::keyword).containsExactly("COPY", "USER",
                "ENTRYPOINT");
        assertThat(((Instruction.Copy) runtime.instructions().getFirst()).from()).contains("build");
        assertThat(file.stagesFor(runtime)).containsExactly(build, runtime);
        assertThat(file.target(Optional.of("BUILD"))).isEqualTo(build);
        assertThat(file.target(Optional.empty())).isEqualTo(runtime);
    }
}

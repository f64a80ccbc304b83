package io.jcompose.engine.linux.build.dockerfile;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One Dockerfile instruction as parsed. Words are kept as written (quotes and variables included) for the executor
 * to expand with {@link WordExpander} at the point of the build where the ARG and ENV values are known; {@code line}
 * is the 1-based line of its keyword and {@code original} its text with continuation lines joined, for cache keys and
 * messages.
 */
public sealed interface Instruction {

    int line();

    String original();

    /** The keyword in upper case, as Docker shows it. */
    default String keyword() {
        return switch (this) {
            case From _ -> "FROM";
            case Arg _ -> "ARG";
            case Env _ -> "ENV";
            case Label _ -> "LABEL";
            case Workdir _ -> "WORKDIR";
            case Copy _ -> "COPY";
            case Add _ -> "ADD";
            case Run _ -> "RUN";
            case Cmd _ -> "CMD";
            case Entrypoint _ -> "ENTRYPOINT";
            case Expose _ -> "EXPOSE";
            case Volume _ -> "VOLUME";
            case User _ -> "USER";
            case Healthcheck _ -> "HEALTHCHECK";
            case Shell _ -> "SHELL";
            case StopSignal _ -> "STOPSIGNAL";
            case OnBuild _ -> "ONBUILD";
            case Maintainer _ -> "MAINTAINER";
        };
    }

    /**
     * Whether the builder expands variables in this instruction's words (Docker's list); RUN, CMD, ENTRYPOINT,
     * HEALTHCHECK and SHELL leave that to the shell at run time.
     */
    default boolean expandsVariables() {
        return switch (this) {
            case Run _ -> false;
            case Cmd _ -> false;
            case Entrypoint _ -> false;
            case Healthcheck _ -> false;
            case Shell _ -> false;
            case Maintainer _ -> false;
            case OnBuild i -> i.trigger().expandsVariables();
            default -> true;
        };
    }

    /** {@code FROM [--platform=P] image [AS name]}; the name is lower-cased, as Docker matches stage names. */
    record From(int line, String original, String image, Optional<String> platform, Optional<String> name)
            implements Instruction {
    }

    /** {@code ARG name[=default] ...}. */
    record Arg(int line, String original, List<ArgDefinition> definitions) implements Instruction {
        public Arg {
            definitions = List.copyOf(definitions);
        }
    }

    /** One name of an ARG, with its default value as written when it has one. */
    record ArgDefinition(String name, Optional<String> defaultValue) {
    }

    /** {@code ENV k=v ...} or the legacy {@code ENV k v}. */
    record Env(int line, String original, List<KeyValue> pairs) implements Instruction {
        public Env {
            pairs = List.copyOf(pairs);
        }
    }

    /** {@code LABEL k=v ...}. */
    record Label(int line, String original, List<KeyValue> pairs) implements Instruction {
        public Label {
            pairs = List.copyOf(pairs);
        }
    }

    /** A key and its value as written (quotes kept): the executor expands both. */
    record KeyValue(String key, String value) {
    }

    /** {@code WORKDIR path}. */
    record Workdir(int line, String original, String path) implements Instruction {
    }

    /** What COPY and ADD share: sources, a destination and the options about the files' owner and mode. */
    sealed interface FileTransfer extends Instruction permits Copy, Add {

        List<CopySource> sources();

        String destination();

        Optional<String> chown();

        Optional<String> chmod();

        boolean link();

        List<String> excludes();
    }

    /**
     * {@code COPY [--from=] [--chown=] [--chmod=] [--link] [--parents] [--exclude=]... src... dest}.
     *
     * @param from a stage name, a stage index or an image, as written
     */
    record Copy(int line, String original, List<CopySource> sources, String destination, Optional<String> from,
            Optional<String> chown, Optional<String> chmod, boolean link, boolean parents, List<String> excludes)
            implements FileTransfer {
        public Copy {
            sources = List.copyOf(sources);
            excludes = List.copyOf(excludes);
        }
    }

    /** {@code ADD [--chown=] [--chmod=] [--link] [--checksum=] [--keep-git-dir] [--exclude=]... src... dest}. */
    record Add(int line, String original, List<CopySource> sources, String destination, Optional<String> chown,
            Optional<String> chmod, boolean link, Optional<String> checksum, boolean keepGitDir,
            List<String> excludes) implements FileTransfer {
        public Add {
            sources = List.copyOf(sources);
            excludes = List.copyOf(excludes);
        }
    }

    /** {@code RUN [--mount=]... [--network=] [--security=] command}, with the here-documents its line opens. */
    record Run(int line, String original, Command command, List<Heredoc> heredocs, List<Mount> mounts,
            Optional<Network> network, Optional<Security> security) implements Instruction {
        public Run {
            heredocs = List.copyOf(heredocs);
            mounts = List.copyOf(mounts);
        }

        /**
         * The shell form's script with its here-documents written back under it, as a shell reads them; for a
         * RUN without here-documents, the script itself.
         */
        public Optional<String> scriptWithHeredocs() {
            if (!(command instanceof Command.Shell(String script))) {
                return Optional.empty();
            }
            StringBuilder out = new StringBuilder(script);
            for (Heredoc doc : heredocs) {
                out.append('\n').append(doc.content()).append(doc.name());
            }
            return Optional.of(out.toString());
        }
    }

    /** {@code RUN --network=}. */
    enum Network {
        DEFAULT, NONE, HOST
    }

    /** {@code RUN --security=}. */
    enum Security {
        SANDBOX, INSECURE
    }

    /** {@code CMD}. */
    record Cmd(int line, String original, Command command) implements Instruction {
    }

    /** {@code ENTRYPOINT}. */
    record Entrypoint(int line, String original, Command command) implements Instruction {
    }

    /** {@code EXPOSE port[/proto] ...}, the words as written. */
    record Expose(int line, String original, List<String> ports) implements Instruction {
        public Expose {
            ports = List.copyOf(ports);
        }
    }

    /** {@code VOLUME ["/a", ...]} or {@code VOLUME /a /b}. */
    record Volume(int line, String original, List<String> paths) implements Instruction {
        public Volume {
            paths = List.copyOf(paths);
        }
    }

    /** {@code USER user[:group]}. */
    record User(int line, String original, String user) implements Instruction {
    }

    /**
     * {@code HEALTHCHECK NONE} (no command) or {@code HEALTHCHECK [options] CMD command}; an option left out is
     * empty, for the image's inherited or default value.
     */
    record Healthcheck(int line, String original, Optional<Command> command, Optional<Duration> interval,
            Optional<Duration> timeout, Optional<Duration> startPeriod, Optional<Duration> startInterval,
            Optional<Integer> retries) implements Instruction {

        /** {@code HEALTHCHECK NONE}: turns off the base image's check. */
        public boolean none() {
            return command.isEmpty();
        }
    }

    /** {@code SHELL ["executable", "parameters"]}. */
    record Shell(int line, String original, List<String> shell) implements Instruction {
        public Shell {
            shell = List.copyOf(shell);
        }
    }

    /** {@code STOPSIGNAL signal}. */
    record StopSignal(int line, String original, String signal) implements Instruction {
    }

    /** {@code ONBUILD instruction}: the trigger is kept for the image, its {@code original} is the text after ONBUILD. */
    record OnBuild(int line, String original, Instruction trigger) implements Instruction {
    }

    /** {@code MAINTAINER name}, deprecated for a label but still read. */
    record Maintainer(int line, String original, String name) implements Instruction {
    }
}

package io.jcompose.engine.linux.build.dockerfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one instruction's logical line (continuations already joined) into its {@link Instruction}. */
final class InstructionParser {

    /** The instructions Docker knows, for "did you mean". */
    static final Set<String> KEYWORDS = Set.of("FROM", "ARG", "ENV", "LABEL", "WORKDIR", "COPY", "ADD", "RUN", "CMD",
            "ENTRYPOINT", "EXPOSE", "VOLUME", "USER", "HEALTHCHECK", "SHELL", "STOPSIGNAL", "ONBUILD", "MAINTAINER");

    /** Go's JSON: an array of strings and nothing after it, or the text is not the exec form. */
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** {@code <<NAME} as a COPY or ADD source: the whole word, optionally {@code <<-}. */
    private static final Pattern HEREDOC_WORD = Pattern.compile("<<(-?)(.+)");

    private static final Pattern STAGE_NAME = Pattern.compile("[a-z][a-z0-9-_.]*");

    /** Where the here-documents an instruction opens are read from: the lines after it. */
    interface Bodies {
        Heredoc read(String name, boolean expand, boolean stripTabs, String keyword);
    }

    private final String fileName;
    private final char escape;
    private final Bodies bodies; // null where here-documents are not read (ONBUILD triggers)
    private final int line;
    private final String original;
    private String keyword;

    private InstructionParser(String fileName, char escape, Bodies bodies, int line, String original) {
        this.fileName = fileName;
        this.escape = escape;
        this.bodies = bodies;
        this.line = line;
        this.original = original;
    }

    /** The instruction of {@code text}, the keyword first; {@code line} is its keyword's line. */
    static Instruction parse(String fileName, char escape, Bodies bodies, int line, String text) {
        return new InstructionParser(fileName, escape, bodies, line, text.strip()).parse();
    }

    private Instruction parse() {
        int space = 0;
        while (space < original.length() && !Words.isSpace(original.charAt(space))) {
            space++;
        }
        String word = original.substring(0, space);
        keyword = word.toUpperCase(Locale.ROOT);
        String rest = original.substring(space).strip();
        return switch (keyword) {
            case "FROM" -> from(rest);
            case "ARG" -> arg(rest);
            case "ENV" -> new Instruction.Env(line, original, pairs(noFlags(rest)));
            case "LABEL" -> new Instruction.Label(line, original, pairs(noFlags(rest)));
            case "WORKDIR" -> new Instruction.Workdir(line, original, one(noFlags(rest)));
            case "COPY" -> copy(rest);
            case "ADD" -> add(rest);
            case "RUN" -> run(rest);
            case "CMD" -> new Instruction.Cmd(line, original, command(noFlags(rest)));
            case "ENTRYPOINT" -> new Instruction.Entrypoint(line, original, command(noFlags(rest)));
            case "EXPOSE" -> new Instruction.Expose(line, original, atLeastOne(Words.splitOnWhitespace(noFlags(rest))));
            case "VOLUME" -> volume(noFlags(rest));
            case "USER" -> new Instruction.User(line, original, one(noFlags(rest)));
            case "HEALTHCHECK" -> healthcheck(rest);
            case "SHELL" -> shell(noFlags(rest));
            case "STOPSIGNAL" -> new Instruction.StopSignal(line, original, one(noFlags(rest)));
            case "ONBUILD" -> onBuild(rest);
            case "MAINTAINER" -> new Instruction.Maintainer(line, original, one(noFlags(rest)));
            default -> throw fail("unknown instruction" + Suggestions.didYouMean(word, KEYWORDS, ""));
        };
    }

    DockerfileException fail(String reason) {
        return new DockerfileException(fileName, line, Optional.of(keyword), reason);
    }

    private Flags flags(Flags.Split split, Map<String, Flags.Kind> allowed) {
        return Flags.check(split.flags(), allowed, this::fail);
    }

    /** The arguments of an instruction that takes no flags, failing on any. */
    private String noFlags(String rest) {
        Flags.Split split = Flags.split(rest, escape);
        flags(split, Map.of());
        return split.rest();
    }

    private Instruction.From from(String rest) {
        Flags.Split split = Flags.split(rest, escape);
        Flags flags = flags(split, Map.of("platform", Flags.Kind.STRING));
        List<String> words = Words.splitOnWhitespace(split.rest());
        boolean named = words.size() == 3 && words.get(1).equalsIgnoreCase("AS");
        if (words.size() != 1 && !named) {
            throw fail("requires either one or three arguments (FROM image [AS name])");
        }
        Optional<String> name = Optional.empty();
        if (named) {
            String lower = words.get(2).toLowerCase(Locale.ROOT);
            if (!STAGE_NAME.matcher(lower).matches()) {
                throw fail("invalid name for build stage: \"" + words.get(2)
                        + "\", name can't start with a number or contain symbols");
            }
            name = Optional.of(lower);
        }
        return new Instruction.From(line, original, words.getFirst(), flags.string("platform"), name);
    }

    private Instruction.Arg arg(String rest) {
        List<Instruction.ArgDefinition> definitions = new ArrayList<>();
        for (String word : atLeastOne(Words.split(noFlags(rest), escape))) {
            int eq = word.indexOf('=');
            String name = eq < 0 ? word : word.substring(0, eq);
            if (name.isEmpty()) {
                throw fail("ARG names can not be blank");
            }
            definitions.add(new Instruction.ArgDefinition(name,
                    eq < 0 ? Optional.empty() : Optional.of(word.substring(eq + 1))));
        }
        return new Instruction.Arg(line, original, definitions);
    }

    /** ENV's and LABEL's {@code k=v k2=v2}, or the legacy {@code k v} whose value is the rest of the line. */
    private List<Instruction.KeyValue> pairs(String rest) {
        List<String> words = atLeastOne(Words.split(rest, escape));
        List<Instruction.KeyValue> pairs = new ArrayList<>();
        if (!words.getFirst().contains("=")) {
            List<String> legacy = Words.splitOnWhitespace(rest);
            int at = rest.indexOf(legacy.getFirst()) + legacy.getFirst().length();
            String value = rest.substring(at).strip();
            if (value.isEmpty()) {
                throw fail("must have two arguments (" + keyword + " key value, or " + keyword + " key=value)");
            }
            pairs.add(new Instruction.KeyValue(legacy.getFirst(), value));
            return pairs;
        }
        for (String word : words) {
            int eq = word.indexOf('=');
            if (eq < 0) {
                throw fail("Syntax error - can't find = in \"" + word + "\". Must be of the form: name=value");
            }
            if (eq == 0) {
                throw fail(keyword + " names can not be blank");
            }
            pairs.add(new Instruction.KeyValue(word.substring(0, eq), word.substring(eq + 1)));
        }
        return pairs;
    }

    private String one(String rest) {
        if (rest.isEmpty()) {
            throw fail("requires exactly one argument");
        }
        return rest;
    }

    private List<String> atLeastOne(List<String> words) {
        if (words.isEmpty()) {
            throw fail("requires at least one argument");
        }
        return words;
    }

    private Instruction.Copy copy(String rest) {
        Flags.Split split = Flags.split(rest, escape);
        Flags flags = flags(split, Map.of("from", Flags.Kind.STRING, "chown", Flags.Kind.STRING, "chmod",
                Flags.Kind.STRING, "link", Flags.Kind.BOOLEAN, "parents", Flags.Kind.BOOLEAN, "exclude",
                Flags.Kind.REPEATED));
        Transfer t = transfer(split.rest());
        return new Instruction.Copy(line, original, t.sources(), t.destination(), flags.string("from"),
                flags.string("chown"), flags.string("chmod"), flags.bool("link"), flags.bool("parents"),
                flags.list("exclude"));
    }

    private Instruction.Add add(String rest) {
        Flags.Split split = Flags.split(rest, escape);
        Flags flags = flags(split, Map.of("chown", Flags.Kind.STRING, "chmod", Flags.Kind.STRING, "link",
                Flags.Kind.BOOLEAN, "checksum", Flags.Kind.STRING, "keep-git-dir", Flags.Kind.BOOLEAN, "exclude",
                Flags.Kind.REPEATED));
        Transfer t = transfer(split.rest());
        return new Instruction.Add(line, original, t.sources(), t.destination(), flags.string("chown"),
                flags.string("chmod"), flags.bool("link"), flags.string("checksum"), flags.bool("keep-git-dir"),
                flags.list("exclude"));
    }

    /** COPY's and ADD's sources and destination. */
    private record Transfer(List<CopySource> sources, String destination) {
    }

    private Transfer transfer(String rest) {
        Optional<List<String>> json = jsonArray(rest);
        List<String> words = json.orElseGet(() -> Words.splitOnWhitespace(rest));
        if (words.size() < 2) {
            throw fail("requires at least two arguments, but only " + (words.isEmpty() ? "none was" : "one was")
                    + " provided. Destination could not be determined");
        }
        List<CopySource> sources = new ArrayList<>();
        for (String word : words.subList(0, words.size() - 1)) {
            Matcher heredoc = HEREDOC_WORD.matcher(word);
            if (json.isEmpty() && bodies != null && heredoc.matches()) {
                sources.add(new CopySource.Inline(heredoc(heredoc.group(2), !heredoc.group(1).isEmpty())));
            } else {
                sources.add(new CopySource.Word(word));
            }
        }
        return new Transfer(sources, words.getLast());
    }

    /** Reads the body of {@code <<NAME}: a quoted name (in part or whole) turns expansion off. */
    private Heredoc heredoc(String token, boolean stripTabs) {
        boolean quoted = token.indexOf('"') >= 0 || token.indexOf('\'') >= 0;
        String name = quoted ? token.replace("\"", "").replace("'", "") : token;
        if (name.isEmpty()) {
            throw fail("a here-document needs a delimiter after <<");
        }
        return bodies.read(name, !quoted, stripTabs, keyword);
    }

    private Instruction.Run run(String rest) {
        Flags.Split split = Flags.split(rest, escape);
        Flags flags = flags(split, Map.of("mount", Flags.Kind.REPEATED, "network", Flags.Kind.STRING, "security",
                Flags.Kind.STRING));
        String args = split.rest();
        Optional<List<String>> json = jsonArray(args);
        List<Heredoc> heredocs = new ArrayList<>();
        if (json.isEmpty() && bodies != null) {
            for (String[] start : heredocStarts(args)) {
                heredocs.add(heredoc(start[1], !start[0].isEmpty()));
            }
        }
        if (args.isEmpty()) {
            throw fail("requires at least one argument");
        }
        Command command = json.<Command>map(Command.Exec::new).orElseGet(() -> new Command.Shell(args));
        MountParser mounts = new MountParser(this::fail);
        Optional<Instruction.Network> network = flags.string("network").map(v -> switch (unquote(v)) {
            case "default" -> Instruction.Network.DEFAULT;
            case "none" -> Instruction.Network.NONE;
            case "host" -> Instruction.Network.HOST;
            default -> throw fail("unsupported network mode '" + v + "' (default, none or host)");
        });
        Optional<Instruction.Security> security = flags.string("security").map(v -> switch (unquote(v)) {
            case "sandbox" -> Instruction.Security.SANDBOX;
            case "insecure" -> Instruction.Security.INSECURE;
            default -> throw fail("unsupported security mode '" + v + "' (sandbox or insecure)");
        });
        return new Instruction.Run(line, original, command, heredocs,
                flags.list("mount").stream().map(mounts::parse).toList(), network, security);
    }

    /**
     * The {@code <<NAME} and {@code <<-NAME} of a shell line, in order, as {"-" or "", name token}: a {@code <<}
     * that starts a word (optionally after a file descriptor number), not one inside quotes, nor {@code <<<}.
     */
    private List<String[]> heredocStarts(String text) {
        List<String[]> starts = new ArrayList<>();
        char quote = 0;
        boolean wordStart = true;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quote != 0) {
                if (ch == quote) {
                    quote = 0;
                } else if (ch == escape && quote == '"') {
                    i++;
                }
                continue;
            }
            if (ch == escape) {
                i++;
                wordStart = false;
                continue;
            }
            if (ch == '"' || ch == '\'') {
                quote = ch;
                wordStart = false;
                continue;
            }
            int at = i;
            while (wordStart && at < text.length() && Character.isDigit(text.charAt(at))) {
                at++;
            }
            if (wordStart && text.startsWith("<<", at) && !text.startsWith("<<<", at)) {
                int p = at + 2;
                String dash = "";
                if (p < text.length() && text.charAt(p) == '-') {
                    dash = "-";
                    p++;
                }
                int nameStart = p;
                char q = 0;
                while (p < text.length() && (q != 0 || !(Words.isSpace(text.charAt(p))
                        || "<>|;&()".indexOf(text.charAt(p)) >= 0))) {
                    char c = text.charAt(p);
                    if (q == 0 && (c == '"' || c == '\'')) {
                        q = c;
                    } else if (c == q) {
                        q = 0;
                    }
                    p++;
                }
                if (p > nameStart) {
                    starts.add(new String[] {dash, text.substring(nameStart, p)});
                    i = p - 1;
                    wordStart = false;
                    continue;
                }
            }
            wordStart = Words.isSpace(ch) || "|;&()<>".indexOf(ch) >= 0;
        }
        return starts;
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.charAt(v.length() - 1) == v.charAt(0)) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }

    /** The exec form when the text is a JSON array of strings, the shell form otherwise. */
    private Command command(String rest) {
        if (rest.isEmpty()) {
            throw fail("requires at least one argument");
        }
        return jsonArray(rest).<Command>map(Command.Exec::new).orElseGet(() -> new Command.Shell(rest));
    }

    /** The strings of a JSON array of strings, or empty when {@code text} is not one (Docker's shell form then). */
    static Optional<List<String>> jsonArray(String text) {
        String t = text.strip();
        if (!t.startsWith("[")) {
            return Optional.empty();
        }
        try {
            JsonNode node = JSON.readTree(t);
            if (node == null || !node.isArray()) {
                return Optional.empty();
            }
            List<String> out = new ArrayList<>();
            for (JsonNode item : node) {
                if (!item.isTextual()) {
                    return Optional.empty();
                }
                out.add(item.asText());
            }
            return Optional.of(out);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private Instruction.Volume volume(String rest) {
        List<String> paths = atLeastOne(jsonArray(rest).orElseGet(() -> Words.splitOnWhitespace(rest)));
        if (paths.stream().anyMatch(p -> p.strip().isEmpty())) {
            throw fail("VOLUME specified can not be an empty string");
        }
        return new Instruction.Volume(line, original, paths);
    }

    private Instruction.Shell shell(String rest) {
        if (rest.isEmpty()) {
            throw fail("requires at least one argument");
        }
        List<String> shell = jsonArray(rest)
                .orElseThrow(() -> fail("requires the arguments to be in JSON form, as [\"executable\", \"parameters\"]"));
        if (shell.isEmpty()) {
            throw fail("requires at least one argument");
        }
        return new Instruction.Shell(line, original, shell);
    }

    private Instruction.Healthcheck healthcheck(String rest) {
        Flags.Split split = Flags.split(rest, escape);
        Flags flags = flags(split, Map.of("interval", Flags.Kind.STRING, "timeout", Flags.Kind.STRING,
                "start-period", Flags.Kind.STRING, "start-interval", Flags.Kind.STRING, "retries",
                Flags.Kind.STRING));
        String args = split.rest();
        List<String> words = Words.splitOnWhitespace(args);
        if (words.isEmpty()) {
            throw fail("requires at least one argument (NONE, or CMD and a command)");
        }
        String type = words.getFirst().toUpperCase(Locale.ROOT);
        if (type.equals("NONE")) {
            if (words.size() > 1) {
                throw fail("NONE takes no arguments");
            }
            if (!split.flags().isEmpty()) {
                throw fail("options cannot be given with NONE");
            }
            return new Instruction.Healthcheck(line, original, Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty());
        }
        if (!type.equals("CMD")) {
            throw fail("unknown type \"" + words.getFirst() + "\" (NONE or CMD)");
        }
        String commandText = args.substring(words.getFirst().length()).strip();
        if (commandText.isEmpty()) {
            throw fail("missing a command after CMD");
        }
        Command command = jsonArray(commandText).<Command>map(Command.Exec::new)
                .orElseGet(() -> new Command.Shell(commandText));
        if (command instanceof Command.Exec(List<String> argv) && argv.isEmpty()) {
            throw fail("missing a command after CMD");
        }
        Optional<Integer> retries = flags.string("retries").map(v -> {
            int n;
            try {
                n = Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw fail("invalid --retries \"" + v + "\": a whole number is expected");
            }
            if (n < 0) {
                throw fail("--retries cannot be negative");
            }
            return n;
        });
        return new Instruction.Healthcheck(line, original, Optional.of(command), duration(flags, "interval"),
                duration(flags, "timeout"), duration(flags, "start-period"), duration(flags, "start-interval"),
                retries);
    }

    /** A HEALTHCHECK duration: 0 for the default, else at least a millisecond, as Docker checks it. */
    private Optional<Duration> duration(Flags flags, String name) {
        return flags.string(name).map(v -> {
            Duration d = GoDuration.parse(v)
                    .orElseThrow(() -> fail("invalid duration \"" + v + "\" for --" + name + " (e.g. 30s, 1m30s)"));
            if (d.isNegative() || (!d.isZero() && d.compareTo(Duration.ofMillis(1)) < 0)) {
                throw fail("--" + name + " cannot be less than 1ms");
            }
            return d;
        });
    }

    private Instruction.OnBuild onBuild(String rest) {
        if (rest.isEmpty()) {
            throw fail("requires at least one argument");
        }
        String trigger = rest.split("[\\s]", 2)[0].toUpperCase(Locale.ROOT);
        switch (trigger) {
            case "ONBUILD" -> throw fail("chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
            case "FROM", "MAINTAINER" -> throw fail(trigger + " isn't allowed as an ONBUILD trigger");
            default -> { }
        }
        // a trigger's here-documents would be read from the lines after it, which Docker does not do
        return new Instruction.OnBuild(line, original, parse(fileName, escape, null, line, rest));
    }
}

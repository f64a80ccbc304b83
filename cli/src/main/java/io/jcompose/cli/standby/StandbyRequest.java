package io.jcompose.cli.standby;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One command handed to a standby JVM by jcompose-client: the client's working directory, its arguments and its
 * environment. On the wire (after an 8-byte header, see {@link StandbyJvm}) a sequence of NUL-terminated strings:
 * the directory, the argument count in decimal, the arguments, then every {@code NAME=value} of the environment.
 */
public record StandbyRequest(Path cwd, List<String> args, Map<String, String> env) {

    /** The first four bytes of a request: the protocol and its version. */
    static final byte[] MAGIC = "JCS1".getBytes(StandardCharsets.US_ASCII);

    /**
     * Variables that change between two commands without meaning anything to jcompose: a shell's bookkeeping, and
     * the one hyperfine sets to a new length at every run (to vary memory layout). A standby JVM started from one
     * command serves the next even when these differ.
     */
    private static final Set<String> SHELL_BOOKKEEPING = Set.of("_", "PWD", "OLDPWD", "SHLVL",
            "HYPERFINE_RANDOMIZED_ENVIRONMENT_OFFSET");

    public StandbyRequest {
        args = List.copyOf(args);
        env = Map.copyOf(env);
    }

    /** Decodes a request's body; a malformed one is an IllegalArgumentException. */
    static StandbyRequest decode(byte[] body) {
        List<String> strings = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < body.length; i++) {
            if (body[i] == 0) {
                strings.add(new String(body, start, i - start, StandardCharsets.UTF_8));
                start = i + 1;
            }
        }
        if (start != body.length || strings.size() < 2) {
            throw new IllegalArgumentException("a request ends with a NUL and holds a directory and a count");
        }
        int argc;
        try {
            argc = Integer.parseInt(strings.get(1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the argument count is not a number: " + strings.get(1));
        }
        if (argc < 0 || 2 + argc > strings.size()) {
            throw new IllegalArgumentException("the argument count " + argc + " is more than the request holds");
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (String entry : strings.subList(2 + argc, strings.size())) {
            int eq = entry.indexOf('=');
            // an entry without '=' is not a variable (execve passes it on, getenv never finds it): skip it
            if (eq > 0) {
                env.putIfAbsent(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        return new StandbyRequest(Path.of(strings.get(0)), strings.subList(2, 2 + argc), env);
    }

    /** The body {@link #decode} reads; what the native client sends, for tests. */
    byte[] encode() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<String> strings = new ArrayList<>();
        strings.add(cwd.toString());
        strings.add(Integer.toString(args.size()));
        strings.addAll(args);
        env.forEach((k, v) -> strings.add(k + "=" + v));
        for (String s : strings) {
            out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return out.toByteArray();
    }

    /**
     * Why a JVM started in {@code ownCwd} with {@code ownEnv} cannot run this request as if the client had started
     * it, or empty when it can. Java fixes its working directory and environment at start-up (and derives settings
     * such as the default charset and time zone from them), so both must match.
     */
    Optional<String> mismatch(Path ownCwd, Map<String, String> ownEnv) {
        if (!cwd.equals(ownCwd)) {
            return Optional.of("started in " + ownCwd + ", asked from " + cwd);
        }
        for (var entry : env.entrySet()) {
            if (!SHELL_BOOKKEEPING.contains(entry.getKey()) && !entry.getValue().equals(ownEnv.get(entry.getKey()))) {
                return Optional.of("environment variable " + entry.getKey() + " differs");
            }
        }
        for (String name : ownEnv.keySet()) {
            if (!SHELL_BOOKKEEPING.contains(name) && !env.containsKey(name)) {
                return Optional.of("environment variable " + name + " is not set for the command");
            }
        }
        return Optional.empty();
    }
}

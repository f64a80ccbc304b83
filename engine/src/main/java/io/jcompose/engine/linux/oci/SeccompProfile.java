package io.jcompose.engine.linux.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A container's seccomp filter as the OCI config's {@code linux.seccomp}: a profile in Docker's format (ours by
 * default, or the file {@code security_opt: seccomp=<file>} names) narrowed to this machine's architecture, kernel
 * and the container's capabilities.
 */
public final class SeccompProfile {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEFAULT_RESOURCE = "default-seccomp.json";

    private SeccompProfile() {
    }

    /** The filter for a container, or empty for none (privileged or {@code seccomp=unconfined}). */
    public static Optional<ObjectNode> forContainer(SecurityOptions.SeccompChoice choice, boolean privileged,
                                                    Collection<String> capabilities, HostFacts host) {
        if (privileged) {
            return Optional.empty();
        }
        return switch (choice) {
            case SecurityOptions.Unconfined u -> Optional.empty();
            case SecurityOptions.DefaultSeccomp d -> Optional.of(convert(defaultProfile(), capabilities, host,
                    Arch.native_()));
            case SecurityOptions.ProfileFile f -> {
                JsonNode profile;
                try {
                    profile = JSON.readTree(Files.readAllBytes(f.path()));
                } catch (IOException e) {
                    throw new OciConfigException("security_opt: cannot read seccomp profile " + f.path() + ": "
                            + e.getMessage(), e);
                }
                yield Optional.of(convert(profile, capabilities, host, Arch.native_()));
            }
        };
    }

    /** The profile shipped with jcompose, in Docker's format. */
    static JsonNode defaultProfile() {
        try (InputStream in = SeccompProfile.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + DEFAULT_RESOURCE);
            }
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An architecture by its libseccomp and its Go names (Docker profiles filter on the latter). */
    record Arch(String seccompName, String goName) {
        static Arch native_() {
            return switch (System.getProperty("os.arch", "").toLowerCase(Locale.ROOT)) {
                case "aarch64", "arm64" -> new Arch("SCMP_ARCH_AARCH64", "arm64");
                case "x86", "i386", "i686" -> new Arch("SCMP_ARCH_X86", "386");
                default -> new Arch("SCMP_ARCH_X86_64", "amd64");
            };
        }
    }

    /**
     * Docker's profile format to the OCI one: {@code archMap} picks the native architecture and its companions;
     * an entry applies only when all its {@code includes} hold (caps present, arch listed, kernel recent enough)
     * and none of its {@code excludes}.
     */
    static ObjectNode convert(JsonNode profile, Collection<String> capabilities, HostFacts host, Arch arch) {
        if (!profile.isObject() || !profile.path("defaultAction").isTextual()) {
            throw new OciConfigException("security_opt: the seccomp profile has no defaultAction");
        }
        ObjectNode out = JSON.createObjectNode();
        out.put("defaultAction", profile.get("defaultAction").asText());
        if (profile.path("defaultErrnoRet").isIntegralNumber()) {
            out.put("defaultErrnoRet", profile.get("defaultErrnoRet").asInt());
        }
        ArrayNode architectures = out.putArray("architectures");
        if (profile.path("archMap").isArray()) {
            for (JsonNode entry : profile.get("archMap")) {
                if (arch.seccompName().equals(entry.path("architecture").asText())) {
                    architectures.add(arch.seccompName());
                    entry.path("subArchitectures").forEach(architectures::add);
                }
            }
        } else {
            profile.path("architectures").forEach(architectures::add);
        }
        if (profile.path("flags").isArray() && !profile.get("flags").isEmpty()) {
            out.set("flags", profile.get("flags").deepCopy());
        }
        ArrayNode syscalls = out.putArray("syscalls");
        for (JsonNode call : profile.path("syscalls")) {
            if (applies(call, capabilities, host, arch)) {
                syscalls.add(syscall(call));
            }
        }
        return out;
    }

    private static boolean applies(JsonNode call, Collection<String> caps, HostFacts host, Arch arch) {
        JsonNode in = call.path("includes");
        JsonNode ex = call.path("excludes");
        for (JsonNode cap : in.path("caps")) {
            if (!caps.contains(cap.asText())) {
                return false;
            }
        }
        for (JsonNode cap : ex.path("caps")) {
            if (caps.contains(cap.asText())) {
                return false;
            }
        }
        if (!in.path("arches").isEmpty() && !texts(in.path("arches")).contains(arch.goName())) {
            return false;
        }
        if (texts(ex.path("arches")).contains(arch.goName())) {
            return false;
        }
        return !in.path("minKernel").isTextual() || host.kernelAtLeast(in.get("minKernel").asText());
    }

    private static ObjectNode syscall(JsonNode call) {
        ObjectNode out = JSON.createObjectNode();
        ArrayNode names = out.putArray("names");
        if (call.path("name").isTextual()) {
            if (call.has("names")) {
                throw new OciConfigException("security_opt: a seccomp rule has both name and names: "
                        + call.get("name").asText());
            }
            names.add(call.get("name").asText());
        } else {
            call.path("names").forEach(names::add);
        }
        if (!call.path("action").isTextual()) {
            throw new OciConfigException("security_opt: a seccomp rule for " + names + " has no action");
        }
        out.put("action", call.get("action").asText());
        if (call.path("errnoRet").isIntegralNumber()) {
            out.put("errnoRet", call.get("errnoRet").asInt());
        }
        if (call.path("args").isArray() && !call.get("args").isEmpty()) {
            ArrayNode args = out.putArray("args");
            for (JsonNode a : call.get("args")) {
                ObjectNode arg = args.addObject();
                arg.put("index", a.path("index").asInt());
                arg.set("value", a.path("value").deepCopy());
                if (a.has("valueTwo")) {
                    arg.set("valueTwo", a.get("valueTwo").deepCopy());
                }
                arg.put("op", a.path("op").asText());
            }
        }
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}

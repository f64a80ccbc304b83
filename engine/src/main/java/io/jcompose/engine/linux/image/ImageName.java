package io.jcompose.engine.linux.image;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image reference normalised as Docker does it: {@code redis} is {@code docker.io/library/redis:latest},
 * {@code localhost:5000/app} is {@code localhost:5000/app:latest}, a digest pins content ({@code name@sha256:…}).
 *
 * @param domain the registry's host (and port) as users write it; {@code docker.io} for Docker Hub
 * @param path   the repository path inside the registry, {@code library/redis} for official images
 * @param tag    empty only when a digest is given without a tag
 */
public record ImageName(String domain, String path, Optional<String> tag, Optional<String> digest) {

    public static final String DOCKER_HUB = "docker.io";

    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DOMAIN = Pattern.compile(
            "(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?"
                    + "|\\[[0-9a-fA-F:]+\\](?::[0-9]+)?");

    /** Parses and normalises {@code reference}; an invalid one is an {@link IllegalArgumentException} saying why. */
    public static ImageName parse(String reference) {
        String ref = reference.strip();
        if (ref.isEmpty()) {
            throw new IllegalArgumentException("invalid reference format: empty image name");
        }
        Optional<String> digest = Optional.empty();
        int at = ref.indexOf('@');
        if (at >= 0) {
            String d = ref.substring(at + 1);
            if (!Digests.isValid(d)) {
                throw new IllegalArgumentException("invalid reference format: \"" + reference
                        + "\" has a digest that is not sha256:<64 hex digits>");
            }
            digest = Optional.of(d);
            ref = ref.substring(0, at);
        }
        Optional<String> tag = Optional.empty();
        int slash = ref.lastIndexOf('/');
        int colon = ref.lastIndexOf(':');
        if (colon > slash) {
            String t = ref.substring(colon + 1);
            if (!TAG.matcher(t).matches()) {
                throw new IllegalArgumentException("invalid reference format: tag \"" + t + "\" of \"" + reference
                        + "\" (letters, digits, '_', '.', '-'; at most 128)");
            }
            tag = Optional.of(t);
            ref = ref.substring(0, colon);
        }
        String domain;
        String path;
        int first = ref.indexOf('/');
        String head = first < 0 ? "" : ref.substring(0, first);
        if (first >= 0 && (head.contains(".") || head.contains(":") || head.equals("localhost")
                || !head.equals(head.toLowerCase()))) {
            domain = head;
            path = ref.substring(first + 1);
            if (!DOMAIN.matcher(domain).matches()) {
                throw new IllegalArgumentException("invalid reference format: registry \"" + domain + "\" of \""
                        + reference + "\"");
            }
            if (domain.equals("index.docker.io")) {
                domain = DOCKER_HUB;
            }
        } else {
            domain = DOCKER_HUB;
            path = ref;
        }
        if (domain.equals(DOCKER_HUB) && !path.contains("/")) {
            path = "library/" + path;
        }
        for (String component : path.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                throw new IllegalArgumentException("invalid reference format: \"" + reference
                        + "\" (repository names are lowercase letters, digits and separators . _ __ -)");
            }
        }
        if (tag.isEmpty() && digest.isEmpty()) {
            tag = Optional.of("latest");
        }
        return new ImageName(domain, path, tag, digest);
    }

    /** {@code domain/path}, the repository without tag or digest. */
    public String repository() {
        return domain + "/" + path;
    }

    /** The host to talk to for this domain: Docker Hub's API lives at {@code registry-1.docker.io}. */
    public String registryHost() {
        return domain.equals(DOCKER_HUB) ? "registry-1.docker.io" : domain;
    }

    /** The tag, else the digest: what to ask the manifest endpoint for. */
    public String manifestReference() {
        return digest.orElseGet(tag::orElseThrow);
    }

    /** The full normalised form: {@code docker.io/library/redis:latest}, {@code host/app@sha256:…}. */
    public String canonical() {
        return repository() + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
    }

    /** The repository as Docker shows it: {@code redis}, {@code user/app}, {@code localhost:5000/app}. */
    public String familiarRepository() {
        if (domain.equals(DOCKER_HUB)) {
            return path.startsWith("library/") && path.indexOf('/', 8) < 0 ? path.substring(8) : path;
        }
        return repository();
    }

    /** As Docker shows the whole reference: {@code redis:latest}, {@code localhost:5000/app:1}. */
    public String familiar() {
        return familiarRepository() + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
    }

    /** The same repository with another tag (and no digest). */
    public ImageName withTag(String newTag) {
        return new ImageName(domain, path, Optional.of(newTag), Optional.empty());
    }

    @Override
    public String toString() {
        return familiar();
    }
}

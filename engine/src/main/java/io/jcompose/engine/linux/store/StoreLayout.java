package io.jcompose.engine.linux.store;

import java.nio.file.Path;
import java.util.Map;

/**
 * Where the built-in runtime keeps things: persistent data under {@code JCOMPOSE_ROOT} (default
 * {@code /var/lib/jcompose}) and what lives only until reboot (runtime state, exit files, mounts) under
 * {@code JCOMPOSE_RUN_ROOT} (default {@code /run/jcompose}). Tests point both at directories of their own.
 */
public record StoreLayout(Path root, Path runRoot) {

    public static final String DEFAULT_ROOT = "/var/lib/jcompose";
    public static final String DEFAULT_RUN_ROOT = "/run/jcompose";

    public static StoreLayout fromEnvironment(Map<String, String> env) {
        String root = env.getOrDefault("JCOMPOSE_ROOT", "");
        String run = env.getOrDefault("JCOMPOSE_RUN_ROOT", "");
        return new StoreLayout(Path.of(root.isBlank() ? DEFAULT_ROOT : root).toAbsolutePath(),
                Path.of(run.isBlank() ? DEFAULT_RUN_ROOT : run).toAbsolutePath());
    }

    /** Content-addressed blobs: manifests, image configs, compressed layers ({@code blobs/sha256/<hex>}). */
    public Path blobs() {
        return root.resolve("blobs");
    }

    /** Unpacked layers, one directory per diff id ({@code layers/<hex>}), shared by every image that has them. */
    public Path layers() {
        return root.resolve("layers");
    }

    /** One JSON record per image ({@code images/<hex>.json}) and the reference index ({@code images/refs.json}). */
    public Path images() {
        return root.resolve("images");
    }

    /** One directory per container: its record, bundle, upper dir, logs. */
    public Path containers() {
        return root.resolve("containers");
    }

    /** Named and anonymous volumes: {@code volumes/<name>/_data} and {@code volumes/<name>/volume.json}. */
    public Path volumes() {
        return root.resolve("volumes");
    }

    /** Networks as records (labels, options), so that {@code ls} and {@code down} find them. */
    public Path networks() {
        return root.resolve("networks");
    }

    /** Scratch space for downloads and unpacking; renamed into place when complete, so nothing is half-written. */
    public Path tmp() {
        return root.resolve("tmp");
    }

    /** Lock files: one for the store, one per project. */
    public Path locks() {
        return runRoot.resolve("locks");
    }

    /** The OCI runtime's own state directory ({@code --root}). */
    public Path runtimeState() {
        return runRoot.resolve("runtime");
    }

    /** Per-container run files: rootfs mount point, pid files, exit files, conmon sockets. */
    public Path runContainers() {
        return runRoot.resolve("containers");
    }

    /** Per-project supervisor pid files and logs. */
    public Path supervisors() {
        return runRoot.resolve("supervisors");
    }

    /** Append-only log of container events (JSON lines), read by {@code events}. */
    public Path eventLog() {
        return root.resolve("events.jsonl");
    }
}

package io.jcompose.engine.linux.container;

import io.jcompose.engine.linux.image.Digests;
import io.jcompose.engine.linux.image.ImageStore;
import io.jcompose.engine.linux.sys.ErrnoException;
import io.jcompose.engine.linux.sys.Mounts;
import io.jcompose.engine.linux.sys.NativeCalls;
import io.jcompose.engine.spi.RuntimeFailureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A container's root filesystem: the image's layers as overlayfs lower dirs (top first), under a per-container
 * upper dir that takes every change. The lower dirs are given relative to the layer store, with {@code mount} run
 * from there, because the whole option string must fit in one page (4 KiB): absolute paths would cap an image at
 * some 40 layers, relative ones at about 55. The mount and unmount are system calls where {@link NativeCalls} says
 * so and the absolute form fits (no process to start: a fork and exec cost 5-20 ms here); otherwise {@code mount}
 * runs from the layer store, since a system call cannot resolve relative paths against another directory than the
 * JVM's own working directory.
 */
public final class OverlayRootfs {

    /** The most mount(2) takes as options: one page, with its terminating zero. */
    private static final int PAGE = 4096;
    private static final int ENODEV = 19;

    private OverlayRootfs() {
    }

    /** Mounts the rootfs at {@code target} (created if missing); already mounted there is a success. */
    public static void mount(ImageStore images, List<String> diffIds, Path containerDir, Path target) {
        try {
            if (isMounted(target)) {
                return;
            }
            Path upper = Files.createDirectories(containerDir.resolve("upper"));
            Path work = Files.createDirectories(containerDir.resolve("work"));
            Files.createDirectories(target);
            Path layers = images.layout().layers();
            List<String> lower = new ArrayList<>();
            for (String diffId : diffIds.reversed()) {
                if (!images.hasLayer(diffId)) {
                    throw new RuntimeFailureException("layer " + diffId + " of the image is missing from the store"
                            + " (pull the image again)");
                }
                lower.add(Digests.hex(diffId) + "/diff");
            }
            if (lower.isEmpty()) {
                // an image without layers (FROM scratch, nothing added): overlayfs still wants a lower dir
                lower.add(Files.createDirectories(containerDir.resolve("empty")).toString());
            }
            String rest = ",upperdir=" + upper + ",workdir=" + work;
            String absolute = "lowerdir=" + lower.stream().map(l -> l.startsWith("/") ? l : layers.resolve(l)
                    .toString()).collect(java.util.stream.Collectors.joining(":")) + rest;
            if (absolute.length() < PAGE && NativeCalls.preferred()) {
                try {
                    Mounts.mount("overlay", target, "overlay", 0, absolute);
                    return;
                } catch (ErrnoException e) {
                    throw new RuntimeFailureException("mount overlay " + target + ": " + e.getMessage()
                            + (e.errno() == ENODEV ? " (the kernel needs overlayfs: modprobe overlay)" : ""));
                }
            }
            String options = "lowerdir=" + String.join(":", lower) + rest;
            if (options.length() >= PAGE) {
                throw new RuntimeFailureException("the image has too many layers (" + diffIds.size()
                        + ") for one overlayfs mount");
            }
            run(layers, "mount", "-t", "overlay", "overlay", "-o", options, target.toString());
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot prepare the root filesystem in " + containerDir + ": "
                    + e.getMessage());
        }
    }

    /** Unmounts it if mounted (lazily when busy, so that a leftover process cannot keep a container). */
    public static void unmount(Path target) {
        if (!isMounted(target)) {
            return;
        }
        if (!NativeCalls.preferred()) {
            try {
                run(Path.of("/"), "umount", target.toString());
            } catch (RuntimeFailureException failed) {
                // another jcompose process (a supervisor, a second command) may have unmounted it meanwhile
                if (isMounted(target)) {
                    run(Path.of("/"), "umount", "-l", target.toString());
                }
            }
            return;
        }
        try {
            Mounts.unmount(target, 0);
        } catch (ErrnoException failed) {
            // as above
            if (isMounted(target)) {
                try {
                    Mounts.unmount(target, Mounts.MNT_DETACH);
                } catch (ErrnoException e) {
                    throw new RuntimeFailureException("umount " + target + ": " + e.getMessage());
                }
            }
        }
    }

    /** Whether something is mounted exactly at {@code target}, from {@code /proc/self/mountinfo}. */
    public static boolean isMounted(Path target) {
        String wanted = target.toAbsolutePath().normalize().toString();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
                String[] fields = line.split(" ", 6);
                if (fields.length > 4 && unescape(fields[4]).equals(wanted)) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** mountinfo escapes space, tab, newline and backslash as octal. */
    private static String unescape(String field) {
        return field.replace("\\040", " ").replace("\\011", "\t").replace("\\012", "\n").replace("\\134", "\\");
    }

    private static void run(Path dir, String... command) {
        try {
            Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new RuntimeFailureException(String.join(" ", command[0], command[command.length - 1]) + ": "
                        + (out.isEmpty() ? "failed" : out) + (command[0].equals("mount") && out.contains("overlay")
                        ? " (the kernel needs overlayfs: modprobe overlay)" : ""));
            }
        } catch (IOException e) {
            throw new RuntimeFailureException("cannot run " + command[0] + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RuntimeFailureException("interrupted during " + command[0]);
        }
    }
}

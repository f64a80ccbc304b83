package io.jcompose.engine.linux.image;

import io.jcompose.engine.linux.sys.OpenSslSha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** {@code sha256:<hex>} digests: computing them, checking their form, turning them into file names. */
public final class Digests {

    private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");

    private Digests() {
    }

    /** A SHA-256 digest: the host's OpenSSL where it has one (many times faster in the CLI), else the JDK's. */
    public static MessageDigest sha256() {
        return OpenSslSha256.create().orElseGet(Digests::jdkSha256);
    }

    static MessageDigest jdkSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static String of(byte[] bytes) {
        return format(sha256().digest(bytes));
    }

    public static String of(Path file) throws IOException {
        MessageDigest md = sha256();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                md.update(buffer, 0, n);
            }
        }
        return format(md.digest());
    }

    public static String format(byte[] sha256) {
        return "sha256:" + HexFormat.of().formatHex(sha256);
    }

    /** Whether {@code digest} is a well-formed sha256 digest (the only algorithm the store accepts). */
    public static boolean isValid(String digest) {
        return digest != null && SHA256.matcher(digest).matches();
    }

    /** The hex part, used as a file name; rejects anything that is not a well-formed digest (no path tricks). */
    public static String hex(String digest) {
        if (!isValid(digest)) {
            throw new IllegalArgumentException("not a sha256 digest: " + digest);
        }
        return digest.substring("sha256:".length());
    }

    /** The first 12 hex characters, as {@code docker images} shows ids. */
    public static String shortId(String digest) {
        String hex = digest.startsWith("sha256:") ? digest.substring(7) : digest;
        return hex.substring(0, Math.min(12, hex.length()));
    }
}

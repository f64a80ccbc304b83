package io.jcompose.engine.linux.oci;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns {@code user} ({@code name|uid[:group|gid]}) and {@code group_add} into ids the way Docker does, from the
 * container's own {@code /etc/passwd} and {@code /etc/group}: a name must have an entry, a number needs none.
 */
public final class UserResolver {

    /** Linux ids are unsigned 32-bit, but runtimes and Docker only accept the positive int range. */
    private static final long MAX_ID = Integer.MAX_VALUE;

    private final List<PasswdEntry> passwd;
    private final List<GroupEntry> groups;

    /** The process's ids and home directory. */
    public record ResolvedUser(int uid, int gid, List<Integer> additionalGids, String home) {
        public ResolvedUser {
            additionalGids = List.copyOf(additionalGids);
        }
    }

    private record PasswdEntry(String name, int uid, int gid, String home) {
    }

    private record GroupEntry(String name, int gid, List<String> members) {
    }

    private UserResolver(List<PasswdEntry> passwd, List<GroupEntry> groups) {
        this.passwd = passwd;
        this.groups = groups;
    }

    /** A resolver reading the passwd and group files of {@code rootfs} (missing files have no entries). */
    public static UserResolver of(Path rootfs) {
        return new UserResolver(parsePasswd(RootfsFiles.readText(rootfs, "/etc/passwd").orElse("")),
                parseGroups(RootfsFiles.readText(rootfs, "/etc/group").orElse("")));
    }

    /**
     * Resolves {@code user} (empty: root) plus {@code groupAdd}; {@code key} names the setting in error messages
     * (e.g. {@code user}). With an explicit group the user's other groups are not added, as in Docker.
     */
    public ResolvedUser resolve(String user, List<String> groupAdd, String key) {
        String text = user.isEmpty() ? "0" : user;
        int colon = text.indexOf(':');
        String userPart = colon < 0 ? text : text.substring(0, colon);
        Optional<String> groupPart = colon < 0 ? Optional.empty() : Optional.of(text.substring(colon + 1));

        Optional<Long> numericUid = number(userPart, key);
        Optional<PasswdEntry> entry = passwd.stream()
                .filter(p -> numericUid.isPresent() ? p.uid() == numericUid.get() : p.name().equals(userPart))
                .findFirst();
        if (entry.isEmpty() && numericUid.isEmpty()) {
            throw new OciConfigException(key + ": unable to find user " + userPart
                    + ": no matching entries in passwd file");
        }
        int uid = entry.map(PasswdEntry::uid).orElseGet(() -> numericUid.get().intValue());
        int gid = entry.map(PasswdEntry::gid).orElse(0);
        String home = entry.map(PasswdEntry::home).filter(h -> !h.isEmpty()).orElse("/");

        List<Integer> additional = new ArrayList<>();
        if (groupPart.isPresent()) {
            gid = group(groupPart.get(), key);
        } else if (entry.isPresent()) {
            String name = entry.get().name();
            groups.stream().filter(g -> g.members().contains(name)).forEach(g -> additional.add(g.gid()));
        }
        for (String extra : groupAdd) {
            additional.add(group(extra, "group_add"));
        }
        return new ResolvedUser(uid, gid, additional, home);
    }

    private int group(String text, String key) {
        Optional<Long> numeric = number(text, key);
        if (numeric.isPresent()) {
            return numeric.get().intValue();
        }
        return groups.stream().filter(g -> g.name().equals(text)).findFirst().map(GroupEntry::gid)
                .orElseThrow(() -> new OciConfigException(key + ": unable to find group " + text
                        + ": no matching entries in group file"));
    }

    private static Optional<Long> number(String text, String key) {
        if (text.isEmpty()) {
            throw new OciConfigException(key + ": empty user or group name (expected name|uid[:group|gid])");
        }
        if (!text.chars().allMatch(Character::isDigit)) {
            return Optional.empty();
        }
        if (text.length() > 10 || Long.parseLong(text) > MAX_ID) {
            throw new OciConfigException(key + ": id " + text + " is out of range (expected 0 to " + MAX_ID + ")");
        }
        return Optional.of(Long.parseLong(text));
    }

    private static List<PasswdEntry> parsePasswd(String text) {
        List<PasswdEntry> out = new ArrayList<>();
        for (String[] f : records(text)) {
            // name:password:uid:gid:gecos:home:shell; malformed lines are skipped, as libc does
            if (f.length >= 4 && isId(f[2]) && isId(f[3])) {
                out.add(new PasswdEntry(f[0], Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                        f.length > 5 ? f[5] : ""));
            }
        }
        return out;
    }

    private static List<GroupEntry> parseGroups(String text) {
        List<GroupEntry> out = new ArrayList<>();
        for (String[] f : records(text)) {
            // name:password:gid:member,member
            if (f.length >= 3 && isId(f[2])) {
                List<String> members = f.length > 3 && !f[3].isBlank()
                        ? List.of(f[3].strip().split("\\s*,\\s*")) : List.of();
                out.add(new GroupEntry(f[0], Integer.parseInt(f[2]), members));
            }
        }
        return out;
    }

    private static List<String[]> records(String text) {
        List<String[]> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                out.add(trimmed.split(":", -1));
            }
        }
        return out;
    }

    private static boolean isId(String text) {
        return text.matches("\\d{1,10}") && Long.parseLong(text) <= MAX_ID;
    }
}

package io.jcompose.engine.linux.sys;

import java.util.Map;
import java.util.OptionalInt;

/**
 * Signal names as Docker takes them ({@code TERM}, {@code SIGTERM}, {@code 15}, {@code RTMIN+3}) to Linux's numbers,
 * those of x86-64 and arm64 (the asm-generic table; other architectures number a few differently).
 */
public final class SignalNumbers {

    private static final Map<String, Integer> NUMBERS = Map.ofEntries(
            Map.entry("HUP", 1), Map.entry("INT", 2), Map.entry("QUIT", 3), Map.entry("ILL", 4),
            Map.entry("TRAP", 5), Map.entry("ABRT", 6), Map.entry("IOT", 6), Map.entry("BUS", 7),
            Map.entry("FPE", 8), Map.entry("KILL", 9), Map.entry("USR1", 10), Map.entry("SEGV", 11),
            Map.entry("USR2", 12), Map.entry("PIPE", 13), Map.entry("ALRM", 14), Map.entry("TERM", 15),
            Map.entry("STKFLT", 16), Map.entry("CHLD", 17), Map.entry("CONT", 18), Map.entry("STOP", 19),
            Map.entry("TSTP", 20), Map.entry("TTIN", 21), Map.entry("TTOU", 22), Map.entry("URG", 23),
            Map.entry("XCPU", 24), Map.entry("XFSZ", 25), Map.entry("VTALRM", 26), Map.entry("PROF", 27),
            Map.entry("WINCH", 28), Map.entry("IO", 29), Map.entry("POLL", 29), Map.entry("PWR", 30),
            Map.entry("SYS", 31));
    private static final int RTMIN = 34;
    private static final int RTMAX = 64;

    private SignalNumbers() {
    }

    /** The number of {@code signal}, empty for a name Linux does not have. */
    public static OptionalInt of(String signal) {
        String name = signal.strip().toUpperCase(java.util.Locale.ROOT);
        name = name.startsWith("SIG") ? name.substring(3) : name;
        if (!name.isEmpty() && name.chars().allMatch(Character::isDigit)) {
            return inRange(name.length() > 3 ? -1 : Integer.parseInt(name));
        }
        Integer known = NUMBERS.get(name);
        if (known != null) {
            return OptionalInt.of(known);
        }
        if (name.startsWith("RTMIN") || name.startsWith("RTMAX")) {
            String rest = name.substring(5);
            int base = name.startsWith("RTMIN") ? RTMIN : RTMAX;
            if (rest.isEmpty()) {
                return OptionalInt.of(base);
            }
            int sign = rest.charAt(0) == '+' ? 1 : rest.charAt(0) == '-' ? -1 : 0;
            String digits = rest.substring(1);
            if (sign == 0 || digits.isEmpty() || digits.length() > 2 || !digits.chars().allMatch(Character::isDigit)) {
                return OptionalInt.empty();
            }
            int number = base + sign * Integer.parseInt(digits);
            return number >= RTMIN && number <= RTMAX ? OptionalInt.of(number) : OptionalInt.empty();
        }
        return OptionalInt.empty();
    }

    private static OptionalInt inRange(int number) {
        return number >= 1 && number <= RTMAX ? OptionalInt.of(number) : OptionalInt.empty();
    }
}

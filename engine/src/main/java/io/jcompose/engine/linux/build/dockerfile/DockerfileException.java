package io.jcompose.engine.linux.build.dockerfile;

import java.util.Optional;

/**
 * A Dockerfile that cannot be read, told in one line: {@code Dockerfile:LINE: INSTRUCTION: message}, the file name as
 * the caller gave it; a fault of the whole file (an empty one) is its reason alone, which names the file.
 */
public final class DockerfileException extends RuntimeException {

    private final String fileName;
    private final int line;
    private final Optional<String> instruction;
    private final String reason;

    /**
     * @param line the 1-based line of the fault, or 0 when it is the whole file's
     * @param instruction the instruction's keyword as it is shown, upper case
     */
    public DockerfileException(String fileName, int line, Optional<String> instruction, String reason) {
        super(format(fileName, line, instruction, reason));
        this.fileName = fileName;
        this.line = line;
        this.instruction = instruction;
        this.reason = reason;
    }

    private static String format(String fileName, int line, Optional<String> instruction, String reason) {
        if (line <= 0 && instruction.isEmpty()) {
            return reason; // a fault of the whole file, which its reason names
        }
        StringBuilder out = new StringBuilder(fileName);
        if (line > 0) {
            out.append(':').append(line);
        }
        out.append(": ");
        instruction.ifPresent(i -> out.append(i).append(": "));
        return out.append(reason).toString();
    }

    public String fileName() {
        return fileName;
    }

    /** The 1-based line of the fault, or 0 when the fault is the whole file's. */
    public int line() {
        return line;
    }

    public Optional<String> instruction() {
        return instruction;
    }

    /** The message without the file, line and instruction. */
    public String reason() {
        return reason;
    }
}

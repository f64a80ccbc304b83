package io.jcompose.engine.linux.build.dockerfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts a Dockerfile's text into instructions: parser directives at the top, comments, line continuations (comment
 * and empty lines inside them skipped), and the here-document bodies that follow an instruction's line.
 */
final class DockerfileParser {

    private static final Pattern DIRECTIVE = Pattern.compile("#\\s*([a-zA-Z][a-zA-Z0-9]*)\\s*=\\s*(.*?)\\s*");

    private final String fileName;
    private final List<String> lines;
    private int next; // the index of the next physical line to read
    private char escape = '\\';
    private final Map<String, String> directives = new LinkedHashMap<>();

    private DockerfileParser(String text, String fileName) {
        this.fileName = fileName;
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<String> split = new ArrayList<>();
        for (String l : body.split("\n", -1)) {
            split.add(l.endsWith("\r") ? l.substring(0, l.length() - 1) : l);
        }
        this.lines = split;
    }

    static Dockerfile parse(String text, String fileName) {
        return new DockerfileParser(text, fileName).parse();
    }

    private Dockerfile parse() {
        readDirectives();
        List<Instruction> instructions = new ArrayList<>();
        while (next < lines.size()) {
            int start = next;
            String logical = logicalLine();
            if (!logical.isBlank()) {
                instructions.add(InstructionParser.parse(fileName, escape, this::heredoc, start + 1, logical));
            }
        }
        return assemble(instructions);
    }

    /** The directives on the first lines, up to the first line that is not one (or names an unknown one). */
    private void readDirectives() {
        while (next < lines.size()) {
            Matcher m = DIRECTIVE.matcher(lines.get(next).strip());
            if (!m.matches()) {
                return;
            }
            String name = m.group(1).toLowerCase(Locale.ROOT);
            if (!name.equals("syntax") && !name.equals("escape") && !name.equals("check")) {
                return; // an unknown directive is a comment, and directives end at the first comment
            }
            if (directives.containsKey(name)) {
                throw new DockerfileException(fileName, next + 1, Optional.empty(),
                        "only one " + name + " parser directive can be used");
            }
            String value = m.group(2);
            if (name.equals("escape")) {
                if (!value.equals("\\") && !value.equals("`")) {
                    throw new DockerfileException(fileName, next + 1, Optional.empty(),
                            "invalid escape token '" + value + "' does not match ` or \\");
                }
                escape = value.charAt(0);
            }
            directives.put(name, value);
            next++;
        }
    }

    /**
     * The next instruction's text with its continuation lines joined (the escape character at their ends taken
     * out), or a blank string for a comment or empty line.
     */
    private String logicalLine() {
        String first = lines.get(next++).stripLeading();
        if (first.startsWith("#")) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        String current = first;
        while (true) {
            String trimmed = stripTrailingSpaceAndTab(current);
            if (trimmed.isEmpty() || trimmed.charAt(trimmed.length() - 1) != escape) {
                out.append(current);
                return out.toString();
            }
            out.append(trimmed, 0, trimmed.length() - 1);
            // comment and empty lines inside a continuation are skipped, as Docker does
            while (next < lines.size() && (lines.get(next).isBlank() || lines.get(next).stripLeading().startsWith("#"))) {
                next++;
            }
            if (next == lines.size()) {
                return out.toString();
            }
            current = lines.get(next++);
        }
    }

    private static String stripTrailingSpaceAndTab(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return s.substring(0, end);
    }

    /** Reads a here-document's lines, from the line after its instruction (or after the previous one's end). */
    private Heredoc heredoc(String name, boolean expand, boolean stripTabs, String keyword) {
        int start = next;
        StringBuilder content = new StringBuilder();
        while (next < lines.size()) {
            String l = lines.get(next++);
            if (stripTabs) {
                int i = 0;
                while (i < l.length() && l.charAt(i) == '\t') {
                    i++;
                }
                l = l.substring(i);
            }
            if (l.equals(name)) {
                return new Heredoc(name, content.toString(), expand, stripTabs);
            }
            content.append(l).append('\n');
        }
        throw new DockerfileException(fileName, start, Optional.of(keyword),
                "unterminated here-document: no line \"" + name + "\" after <<" + (stripTabs ? "-" : "") + name);
    }

    /** Groups the instructions into the ARGs before the first FROM and the stages. */
    private Dockerfile assemble(List<Instruction> instructions) {
        if (instructions.isEmpty()) {
            throw new DockerfileException(fileName, 0, Optional.empty(),
                    "the Dockerfile (" + fileName + ") cannot be empty");
        }
        List<Instruction.Arg> globalArgs = new ArrayList<>();
        List<Stage> stages = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        Instruction.From from = null;
        List<Instruction> body = new ArrayList<>();
        for (Instruction instruction : instructions) {
            if (instruction instanceof Instruction.From f) {
                if (from != null) {
                    stages.add(new Stage(stages.size(), from, body));
                    body = new ArrayList<>();
                }
                if (f.name().isPresent() && names.putIfAbsent(f.name().get(), stages.size()) != null) {
                    throw new DockerfileException(fileName, f.line(), Optional.of("FROM"),
                            "duplicate stage name \"" + f.name().get() + "\"");
                }
                from = f;
            } else if (from != null) {
                body.add(instruction);
            } else if (instruction instanceof Instruction.Arg arg) {
                globalArgs.add(arg);
            } else {
                throw new DockerfileException(fileName, instruction.line(), Optional.of(instruction.keyword()),
                        "no build stage in current context: only ARG may come before the first FROM");
            }
        }
        if (from == null) {
            throw new DockerfileException(fileName, 0, Optional.empty(),
                    "the Dockerfile (" + fileName + ") has no FROM instruction");
        }
        stages.add(new Stage(stages.size(), from, body));
        return new Dockerfile(fileName, escape, Optional.ofNullable(directives.get("syntax")),
                Optional.ofNullable(directives.get("check")), globalArgs, stages);
    }
}

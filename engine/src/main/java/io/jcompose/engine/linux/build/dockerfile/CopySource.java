package io.jcompose.engine.linux.build.dockerfile;

/** One source of COPY or ADD: a word naming files (a path, a glob, a URL for ADD) or an inline here-document. */
public sealed interface CopySource {

    /** A source as written, unexpanded: the executor expands it with the stage's ARG and ENV values. */
    record Word(String word) implements CopySource {
    }

    /** {@code <<NAME}: a file made from the here-document, named after its delimiter. */
    record Inline(Heredoc heredoc) implements CopySource {
    }
}

package io.jcompose.engine.linux.build.dockerfile;

/**
 * A here-document of RUN, COPY or ADD: {@code <<NAME} up to a line holding only {@code NAME}.
 *
 * @param name the delimiter, without quotes
 * @param content the lines between, each ending with a newline, leading tabs removed when {@code stripTabs}
 * @param expand false when the delimiter was quoted ({@code <<"EOF"}): the content is then taken literally
 * @param stripTabs {@code <<-NAME}: leading tabs were removed from the content and the terminator
 */
public record Heredoc(String name, String content, boolean expand, boolean stripTabs) {
}

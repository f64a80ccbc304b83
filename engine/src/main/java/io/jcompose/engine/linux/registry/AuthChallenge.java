package io.jcompose.engine.linux.registry;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What a registry's {@code WWW-Authenticate} header asks for: a bearer token from a realm, or basic credentials. */
sealed interface AuthChallenge permits AuthChallenge.Bearer, AuthChallenge.Basic {

    /** Get a token from {@code realm} for {@code service} and {@code scope} (either may be absent). */
    record Bearer(String realm, Optional<String> service, Optional<String> scope) implements AuthChallenge {
    }

    /** Send {@code Authorization: Basic} with the user's credentials. */
    record Basic(Optional<String> realm) implements AuthChallenge {
    }

    /**
     * Parses a challenge such as {@code Bearer realm="https://auth.example/token",service="reg",scope="repository:
     * a/b:pull,push"}: auth-params are {@code name=value} or {@code name="quoted, with commas"}.
     */
    static Optional<AuthChallenge> parse(String header) {
        String h = header.strip();
        int space = h.indexOf(' ');
        String scheme = (space < 0 ? h : h.substring(0, space)).toLowerCase(Locale.ROOT);
        Map<String, String> params = params(space < 0 ? "" : h.substring(space + 1));
        return switch (scheme) {
            case "bearer" -> Optional.ofNullable(params.get("realm")).map(realm -> new Bearer(realm,
                    Optional.ofNullable(params.get("service")), Optional.ofNullable(params.get("scope"))));
            case "basic" -> Optional.of(new Basic(Optional.ofNullable(params.get("realm"))));
            default -> Optional.empty();
        };
    }

    /**
     * Whether a bearer challenge says the token was good but does not grant what the request needs
     * ({@code error="insufficient_scope"}): the account lacks the access, its password is not wrong.
     */
    static boolean insufficientScope(String header) {
        String h = header.strip();
        int space = h.indexOf(' ');
        return space > 0 && "insufficient_scope".equals(params(h.substring(space + 1)).get("error"));
    }

    private static Map<String, String> params(String text) {
        Map<String, String> params = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && (text.charAt(i) == ',' || Character.isWhitespace(text.charAt(i)))) {
                i++;
            }
            int eq = text.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String name = text.substring(i, eq).strip().toLowerCase(Locale.ROOT);
            i = eq + 1;
            StringBuilder value = new StringBuilder();
            if (i < n && text.charAt(i) == '"') {
                i++;
                while (i < n && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    value.append(text.charAt(i++));
                }
                i++;
            } else {
                while (i < n && text.charAt(i) != ',') {
                    value.append(text.charAt(i++));
                }
            }
            params.put(name, value.toString().strip());
        }
        return params;
    }
}

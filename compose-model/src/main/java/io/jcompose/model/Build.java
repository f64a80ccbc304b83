package io.jcompose.model;

import java.util.Map;
import java.util.Optional;

/** How to build a service's image: context, Dockerfile, args, target, tags. */
public record Build(String context, String dockerfile, Optional<String> dockerfileInline, Map<String, String> args,
                    Optional<String> target, Map<String, String> labels, java.util.List<String> tags,
                    boolean noCache, boolean pull) {

    static Build from(Attributes a) {
        return new Build(a.string("context").orElse("."), a.string("dockerfile").orElse("Dockerfile"),
                a.string("dockerfile_inline"), a.stringMap("args"), a.string("target"), a.stringMap("labels"),
                a.strings("tags"), a.bool("no_cache"), a.bool("pull"));
    }
}

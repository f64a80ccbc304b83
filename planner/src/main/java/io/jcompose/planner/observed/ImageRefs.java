package io.jcompose.planner.observed;

/** Compares image references the way a registry does: {@code nginx} is {@code docker.io/library/nginx:latest}. */
public final class ImageRefs {

    private ImageRefs() {
    }

    /** The short, tagged form: no default registry, no {@code library/}, {@code :latest} when untagged. */
    public static String normalize(String reference) {
        String ref = reference;
        for (String prefix : new String[] {"docker.io/library/", "index.docker.io/library/", "docker.io/",
                "index.docker.io/"}) {
            if (ref.startsWith(prefix)) {
                ref = ref.substring(prefix.length());
                break;
            }
        }
        if (ref.startsWith("library/")) {
            ref = ref.substring("library/".length());
        }
        if (ref.contains("@")) {
            return ref;
        }
        int slash = ref.lastIndexOf('/');
        return ref.indexOf(':', slash + 1) >= 0 ? ref : ref + ":latest";
    }
}

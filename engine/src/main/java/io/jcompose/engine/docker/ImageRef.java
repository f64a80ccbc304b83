package io.jcompose.engine.docker;

/**
 * A reference split the way the pull and push endpoints want it: repository, and a tag or a digest. The tag is
 * always set, since an empty one asks the daemon for every tag of the repository.
 */
record ImageRef(String repository, String tag) {

    static ImageRef parse(String reference) {
        int at = reference.indexOf('@');
        if (at >= 0) {
            return new ImageRef(reference.substring(0, at), reference.substring(at + 1));
        }
        int slash = reference.lastIndexOf('/');
        int colon = reference.lastIndexOf(':');
        // a colon before the last slash belongs to a registry's port (localhost:5000/app), not to a tag
        return colon > slash ? new ImageRef(reference.substring(0, colon), reference.substring(colon + 1))
                : new ImageRef(reference, "latest");
    }
}

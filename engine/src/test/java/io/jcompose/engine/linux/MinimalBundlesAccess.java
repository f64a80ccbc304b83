package io.jcompose.engine.linux;

import io.jcompose.engine.linux.container.BundleBuilder;

/** Gives tests of other packages the minimal bundle builder. */
public final class MinimalBundlesAccess {

    public BundleBuilder bundles() {
        return new MinimalBundles();
    }
}

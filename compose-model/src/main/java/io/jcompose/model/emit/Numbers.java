package io.jcompose.model.emit;

/** Number formatting shared by the YAML and JSON writers: integral doubles print without a fraction, as Go does. */
final class Numbers {

    private Numbers() {
    }

    static String format(double d) {
        if (Double.isNaN(d)) {
            return ".nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? ".inf" : "-.inf";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }
}

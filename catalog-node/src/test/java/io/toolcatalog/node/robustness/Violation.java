package io.toolcatalog.node.robustness;

/**
 * A property the run broke: which one, the operation that broke it (null for a property of the
 * database, of a watcher or of the final state), what was wrong, and when it happened in ms since
 * the run started ({@link Double#MAX_VALUE} for what is only known after the run).
 */
record Violation(String property, Operation operation, String detail, double atMs) {

    Violation(String property, Operation operation, String detail) {
        this(property, operation, detail, operation == null ? Double.MAX_VALUE : operation.startMs());
    }

    /** A violation found in what a watcher received, at the time it received it. */
    static Violation at(String property, double atMs, String detail) {
        return new Violation(property, null, detail, atMs);
    }

    boolean afterTheRun() {
        return atMs == Double.MAX_VALUE;
    }
}

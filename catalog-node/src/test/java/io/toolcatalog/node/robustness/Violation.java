package io.toolcatalog.node.robustness;

/**
 * A property the run broke: which one, the operation that broke it (null for a property of the
 * database or of the final state), and what was wrong.
 */
record Violation(String property, Operation operation, String detail) {

    /** When it happened, in ms since the run started (the end of the run for final checks). */
    double atMs() {
        return operation == null ? Double.MAX_VALUE : operation.startMs();
    }
}

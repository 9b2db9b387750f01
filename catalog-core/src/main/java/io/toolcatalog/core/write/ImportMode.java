package io.toolcatalog.core.write;

/** {@code merge}: create and update the imported tools. {@code replace}: also delete every other tool. */
public enum ImportMode {
    MERGE,
    REPLACE
}

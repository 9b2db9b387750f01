package io.toolcatalog.core.history;

import io.toolcatalog.core.naming.LowerCaseName;

/** Whether a reload re-read the whole catalog or only the names that changed. */
public enum ReloadKind implements LowerCaseName {
    FULL,
    PARTIAL
}

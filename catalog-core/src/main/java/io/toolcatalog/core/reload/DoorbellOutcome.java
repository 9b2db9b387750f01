package io.toolcatalog.core.reload;

import java.util.Locale;

/** What a doorbell (a peer's announcement of a revision) did on this node. */
public enum DoorbellOutcome {
    /** The revision was applied already: nothing to do. */
    ALREADY_APPLIED,
    /** The carried rows were applied, without reading the database. */
    APPLIED_CARRIED,
    /** A catch-up from the database was requested (it coalesces with any other). */
    RANG;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}

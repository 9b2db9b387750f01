package io.toolcatalog.core.store;

import io.toolcatalog.core.change.CommittedChange;
import java.util.Set;

/**
 * The change log's account of the revisions in {@code (after, upTo]}: how many changes it still
 * holds there, the names they touched and the last of them (null when none).
 */
public record ChangeSpan(long after, long upTo, long changeCount, Set<String> names, CommittedChange lastChange) {

    public ChangeSpan {
        names = Set.copyOf(names);
    }

    /** True when every revision of the span is still logged, so {@code names} is complete. */
    public boolean complete() {
        return changeCount == upTo - after;
    }
}

package io.toolcatalog.core.write;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.store.ChangeLog;
import io.toolcatalog.core.tool.Actor;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * A commit's row of the change log, written in its transaction: what it changed, on whose behalf,
 * committed by this node, now.
 */
public final class ChangeLogWriter {

    private final ChangeLog changes;
    private final String nodeId;
    private final Clock clock;

    public ChangeLogWriter(ChangeLog changes, String nodeId, Clock clock) {
        this.changes = changes;
        this.nodeId = nodeId;
        this.clock = clock;
    }

    /** Records the change of {@code revision}, which names {@code names} (none: a profile schema's). */
    CommittedChange record(
            long revision,
            List<String> names,
            String operation,
            ReloadTrigger trigger,
            Actor actor,
            UUID reloadId,
            Long changeRequestId) {
        CommittedChange change = new CommittedChange(
                revision,
                names,
                operation,
                trigger,
                actor.triggeredBy(),
                actor.principal(),
                actor.reason(),
                reloadId,
                nodeId,
                now(),
                changeRequestId);
        changes.record(change);
        return change;
    }

    /** PostgreSQL keeps microseconds: what a write returns must equal what is read back. */
    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}

package io.toolcatalog.core.write;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.change.RevisionRows;
import io.toolcatalog.core.cohort.ActiveRollout;
import io.toolcatalog.core.cohort.RolloutUnreadableException;
import io.toolcatalog.core.store.ChangeLog;
import io.toolcatalog.core.store.ToolStore;
import io.toolcatalog.core.tool.Actor;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a change is committed: its work runs after the revision is taken, and what it wrote
 * becomes one row of the change log (with the change request it published, if any), announced once
 * committed. Shared by {@link CatalogEditor}, {@link StagedPublisher} and {@link StateChanges}.
 */
public final class Commits {

    private static final Logger log = LoggerFactory.getLogger(Commits.class);

    private final WriteTransactions writes;
    private final ChangeLogWriter changes;
    private final ToolStore tools;
    private final ChangeAnnouncer announcer;

    public Commits(WriteTransactions writes, ChangeLogWriter changes, ToolStore tools, ChangeAnnouncer announcer) {
        this.writes = writes;
        this.changes = changes;
        this.tools = tools;
        this.announcer = announcer;
    }

    /** Returns once this node serves {@code revision} (a write that changed nothing answers at the catalog's). */
    void serveAtLeast(long revision) {
        announcer.serveAtLeast(revision);
    }

    /**
     * Runs {@code work} in a write transaction ({@code alone}: not grouped with other writes) and
     * records its change under {@code trigger}, naming {@code changeRequestId} (null for a direct write).
     */
    <T> T commit(
            String operation,
            Actor actor,
            boolean alone,
            ReloadTrigger trigger,
            Long changeRequestId,
            LongFunction<Written<T>> work) {
        UUID reloadId = UUID.randomUUID();
        return writes.execute(
                reloadId,
                alone,
                revision -> {
                    Written<T> written = work.apply(revision);
                    if (written.names().isEmpty()) {
                        return WriteTransactions.Done.unchanged(written.value());
                    }
                    // read, like a write's rows, before the change is stamped as committed
                    boolean move = operation.startsWith(ChangeLog.ROLLOUT_OPERATION_PREFIX);
                    List<ActiveRollout> active = move ? carriedRollouts(revision) : null;
                    CommittedChange change = changes.record(
                            revision, written.names(), operation, trigger, actor, reloadId, changeRequestId);
                    RevisionRows rows = written.rowsOf(change);
                    if (move) {
                        rows = rows == null || active == null ? null : rows.withRollouts(active);
                    }
                    return new WriteTransactions.Done<>(written.value(), change, rows);
                },
                announcer);
    }

    /**
     * Runs {@code work} alone in a write transaction and records a change that names no tool (a
     * profile schema's): nodes take it with a full reload of its revision. Returns that revision.
     */
    long commitWithoutTools(String operation, Actor actor, LongConsumer work) {
        UUID reloadId = UUID.randomUUID();
        return writes.execute(
                reloadId,
                true,
                revision -> {
                    work.accept(revision);
                    CommittedChange change = changes.record(
                            revision, List.of(), operation, ReloadTrigger.API_UPDATE, actor, reloadId, null);
                    return new WriteTransactions.Done<>(revision, change, null);
                },
                announcer);
    }

    /**
     * A rollout's move changes what nodes serve beyond its rows: the rollouts themselves, read here in
     * the move's transaction (so as of its revision) and carried with the rows. A candidate that
     * cannot be served is not carried (null): the move is a doorbell, and each node's catch-up meets it.
     */
    private List<ActiveRollout> carriedRollouts(long revision) {
        try {
            return tools.activeRollouts();
        } catch (RolloutUnreadableException e) {
            log.warn("Revision {}: rollout {} not carried: {}", revision, e.rolloutId(), e.getMessage());
            return null;
        }
    }

    /** Now, as the change log records it (PostgreSQL keeps microseconds). */
    Instant now() {
        return changes.now();
    }
}

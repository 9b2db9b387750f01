package io.toolcatalog.core.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.change.RevisionRows;
import io.toolcatalog.core.store.ChangeLog;
import io.toolcatalog.core.tool.ToolJson;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The message a node publishes after it commits a change. Every message is at least a doorbell:
 * {@code revision} exists, catch up from PostgreSQL. One in the format this code writes ({@code
 * format} {@value #CARRYING_FORMAT}) may also carry the revision's rows ({@code from_revision},
 * {@code written}, {@code removed}, as the committing transaction wrote them), which a node at
 * exactly {@code from_revision} may apply without reading the database once {@link
 * ChangeMessageReader} has validated them. Fields a node does not know are ignored, and a message
 * it cannot use as rows is a doorbell, so nodes of different builds share a cluster during a rolling
 * deploy: the previous build wrote {@code "v": 2} with rows in {@code changed}, which this build
 * ignores (a doorbell), and it ignores {@code format} and {@code written} (no {@code v}: a
 * doorbell). {@code tools} is capped, for logs only. {@code published_at} (optional, epoch
 * microseconds) is when the sender handed the message to Redis, for timing the hops. {@code
 * change_request_id} names the change request the revision published, when it did. A revision that
 * moved a rollout carries, with its rows, the {@code rollouts} active at it, in format {@value
 * #ROLLOUTS_FORMAT}: a build that does not know rollouts takes it for a doorbell, never for rows
 * without the rollouts that go with them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChangeMessage(
        long revision,
        List<String> tools,
        String operation,
        ReloadTrigger trigger,
        String originNode,
        String triggeredBy,
        String reason,
        UUID reloadId,
        Instant committedAt,
        String principal,
        Integer format,
        Long fromRevision,
        List<CarriedTool> written,
        List<String> removed,
        Long publishedAt,
        Long changeRequestId,
        List<CarriedRollout> rollouts) {

    /** The format whose rows this code writes and reads. */
    public static final int CARRYING_FORMAT = 3;

    /** The format of rows that come with the active rollouts of their revision. */
    public static final int ROLLOUTS_FORMAT = 4;

    private static final int MAX_NAMES = 20;

    /** Writes only profiles that were not read from the database (which are carried as it printed them). */
    private static final ToolJson JSON = new ToolJson();

    /** A plain doorbell: receivers re-read the change from PostgreSQL. */
    public static ChangeMessage of(CommittedChange change) {
        List<String> names = change.toolNames();
        return new ChangeMessage(
                change.revision(),
                names.size() <= MAX_NAMES ? names : names.subList(0, MAX_NAMES),
                change.operation(),
                change.trigger(),
                change.originNode(),
                change.triggeredBy(),
                change.reason(),
                change.reloadId(),
                change.committedAt(),
                change.principal(),
                CARRYING_FORMAT,
                null,
                null,
                null,
                null,
                change.changeRequestId(),
                null);
    }

    /** The doorbell that also carries the revision's rows (and its rollouts, when it moved one). */
    public static ChangeMessage carrying(RevisionRows rows) {
        List<CarriedTool> written =
                rows.changed().stream().map(t -> CarriedTool.of(t, JSON)).toList();
        boolean start = ChangeLog.ROLLOUT_START.equals(rows.change().operation());
        List<CarriedRollout> active = rows.rollouts() == null
                ? null
                : rows.rollouts().stream()
                        .map(r -> CarriedRollout.of(r, start && r.revision() == rows.revision(), JSON))
                        .toList();
        return of(rows.change()).with(rows.fromRevision(), written, rows.removed(), active, null);
    }

    /** Whether rows came with it (not yet validated). */
    public boolean carriesRows() {
        boolean known = format != null
                && (format == CARRYING_FORMAT && rollouts == null || format == ROLLOUTS_FORMAT && rollouts != null);
        return known && fromRevision != null && written != null && removed != null;
    }

    /** The same message without rows (when they are over the size bound). */
    public ChangeMessage withoutRows() {
        return with(null, null, null, null, publishedAt);
    }

    /** The same message stamped with when it is published, in epoch microseconds. */
    public ChangeMessage withPublishedAt(long epochMicros) {
        return with(fromRevision, written, removed, rollouts, epochMicros);
    }

    /** The one copy of the message's fields: the doorbell's as they are, the rows and the stamp as given. */
    private ChangeMessage with(
            Long from, List<CarriedTool> rows, List<String> gone, List<CarriedRollout> active, Long stamp) {
        return new ChangeMessage(
                revision,
                tools,
                operation,
                trigger,
                originNode,
                triggeredBy,
                reason,
                reloadId,
                committedAt,
                principal,
                active == null ? CARRYING_FORMAT : ROLLOUTS_FORMAT,
                from,
                rows,
                gone,
                stamp,
                changeRequestId,
                active);
    }
}

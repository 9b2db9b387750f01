package io.toolcatalog.core.cluster;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.change.RevisionRows;
import io.toolcatalog.core.tool.Tool;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The message a node publishes after it commits a change. Every version of it is at least a
 * doorbell: {@code revision} exists, catch up from PostgreSQL. Version {@value #CARRYING} may also
 * carry the revision's rows ({@code from_revision}, {@code changed}, {@code removed}, as the
 * committing transaction wrote them), which a node at exactly {@code from_revision} applies without
 * reading the database. Fields a node does not know are ignored, and a message it cannot use as
 * rows (an older or newer version, or none carried) is a doorbell, so nodes of different versions
 * share a cluster during a rolling deploy. {@code tools} is capped, for logs only. {@code
 * published_at} (optional, epoch microseconds) is when the sender handed the message to Redis: a
 * receiver times the hops commit → publish → receive with it, and ignores it when absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CatalogChanged(
        long revision,
        List<String> tools,
        String operation,
        ReloadTrigger trigger,
        String originNode,
        String triggeredBy,
        String reason,
        UUID reloadId,
        Instant committedAt,
        Integer v,
        String principal,
        Long fromRevision,
        List<Tool> changed,
        List<String> removed,
        Long publishedAt) {

    /** The version whose rows this code understands. */
    public static final int CARRYING = 2;

    private static final int MAX_NAMES = 20;

    /** A plain doorbell: receivers re-read the change from PostgreSQL. */
    public static CatalogChanged of(CommittedChange change) {
        List<String> names = change.toolNames();
        return new CatalogChanged(
                change.revision(),
                names.size() <= MAX_NAMES ? names : names.subList(0, MAX_NAMES),
                change.operation(),
                change.trigger(),
                change.originNode(),
                change.triggeredBy(),
                change.reason(),
                change.reloadId(),
                change.committedAt(),
                CARRYING,
                change.principal(),
                null,
                null,
                null,
                null);
    }

    /** The doorbell that also carries the revision's rows. */
    public static CatalogChanged carrying(RevisionRows rows) {
        CatalogChanged bell = of(rows.change());
        return new CatalogChanged(
                bell.revision,
                bell.tools,
                bell.operation,
                bell.trigger,
                bell.originNode,
                bell.triggeredBy,
                bell.reason,
                bell.reloadId,
                bell.committedAt,
                CARRYING,
                bell.principal,
                rows.fromRevision(),
                rows.changed(),
                rows.removed(),
                null);
    }

    /** The same message without rows (when they are over the size bound). */
    public CatalogChanged withoutRows() {
        return new CatalogChanged(
                revision,
                tools,
                operation,
                trigger,
                originNode,
                triggeredBy,
                reason,
                reloadId,
                committedAt,
                v,
                principal,
                null,
                null,
                null,
                publishedAt);
    }

    /** The same message stamped with when it is published, in epoch microseconds. */
    public CatalogChanged withPublishedAt(long epochMicros) {
        return new CatalogChanged(
                revision,
                tools,
                operation,
                trigger,
                originNode,
                triggeredBy,
                reason,
                reloadId,
                committedAt,
                v,
                principal,
                fromRevision,
                changed,
                removed,
                epochMicros);
    }

    /** The rows this message carries, when it is a version whose rows this node understands; else null. */
    public RevisionRows carried() {
        if (v == null || v != CARRYING || fromRevision == null || changed == null || removed == null) {
            return null;
        }
        if (fromRevision >= revision || changed.stream().anyMatch(t -> t == null || t.name() == null)) {
            return null;
        }
        List<String> names = new ArrayList<>();
        changed.forEach(t -> names.add(t.name()));
        names.addAll(removed);
        CommittedChange change = new CommittedChange(
                revision, names, operation, trigger, triggeredBy, principal, reason, reloadId, originNode, committedAt);
        return new RevisionRows(change, fromRevision, changed, removed);
    }
}

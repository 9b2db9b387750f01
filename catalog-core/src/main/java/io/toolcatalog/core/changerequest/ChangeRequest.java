package io.toolcatalog.core.changerequest;

import io.toolcatalog.core.write.StagedEdit;
import java.time.Instant;
import java.util.List;

/**
 * A change request: staged edits ({@code items}, one per tool) that are not live until published.
 * {@code contentHash} identifies the items; only approvals of that hash count. {@code publishAt}
 * is set while an approved request waits to be published by whichever node claims it first.
 */
public record ChangeRequest(
        long id,
        String title,
        String description,
        ChangeRequestState state,
        String author,
        long baseRevision,
        String contentHash,
        Instant publishAt,
        Long publishedRevision,
        String failureReason,
        Instant createdAt,
        Instant updatedAt,
        List<StagedEdit> items,
        List<Approval> approvals) {

    public ChangeRequest {
        items = List.copyOf(items);
        approvals = List.copyOf(approvals);
    }

    /** An approval of the request's current content. */
    public record Approval(String approver, String comment, Instant approvedAt) {}

    /** One transition, as {@code GET …/events} lists it. */
    public record StateEvent(
            String actor,
            String action,
            ChangeRequestState fromState,
            ChangeRequestState toState,
            String comment,
            Instant at) {}

    public ChangeRequest withItems(List<StagedEdit> newItems, List<Approval> newApprovals) {
        return new ChangeRequest(
                id,
                title,
                description,
                state,
                author,
                baseRevision,
                contentHash,
                publishAt,
                publishedRevision,
                failureReason,
                createdAt,
                updatedAt,
                newItems,
                newApprovals);
    }
}

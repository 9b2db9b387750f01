package io.toolcatalog.core.changerequest;

import static io.toolcatalog.core.changerequest.ChangeRequestState.APPROVED;
import static io.toolcatalog.core.changerequest.ChangeRequestState.DRAFT;
import static io.toolcatalog.core.changerequest.ChangeRequestState.FAILED;
import static io.toolcatalog.core.changerequest.ChangeRequestState.IN_REVIEW;
import static io.toolcatalog.core.changerequest.ChangeRequestState.REJECTED;
import static io.toolcatalog.core.changerequest.ChangeRequestState.WITHDRAWN;

import io.toolcatalog.core.changerequest.Transitions.Transition;
import io.toolcatalog.core.error.ChangeRequestException;
import io.toolcatalog.core.error.InvalidToolException;
import io.toolcatalog.core.write.StagedEdit;
import java.time.Instant;
import java.util.List;

/**
 * The review of a change request: submit (its items validated as direct writes would be), approve
 * (never by its author; approvals of its current content only, {@code required-approvals} of them
 * make it approved, or {@code breaking-approvals} if an item narrows a tool's input schema), reject, withdraw, rebase onto the catalog as it is now, and schedule.
 */
public final class ChangeRequestReview {

    private final ChangeRequestStore store;
    private final StagedValidation validation;
    private final Transitions transitions;
    private final Staging staging;
    private final ChangeRequestDiff diff;
    private final ChangesProperties properties;

    ChangeRequestReview(Workflow workflow, Staging staging, ChangeRequestDiff diff, ChangesProperties properties) {
        this.store = workflow.store();
        this.validation = workflow.validation();
        this.transitions = workflow.transitions();
        this.staging = staging;
        this.diff = diff;
        this.properties = properties;
    }

    public ChangeRequest submit(long id, String comment, Participant by) {
        return transitions.apply(id, current -> {
            Transitions.requireAuthorOrAdmin(current, by, "submit");
            Transitions.requireState(current, "be submitted", DRAFT);
            requireItems(current);
            validation.require(current.items());
            return new Transition(transitions.moved(current, IN_REVIEW), "submitted", by.name(), comment);
        });
    }

    public ChangeRequest approve(long id, String comment, Participant by) {
        return transitions.apply(id, current -> {
            if (!by.approver()) {
                throw ChangeRequestException.notAllowed("Approving needs role approver or admin");
            }
            if (by.name().equals(current.author())) {
                throw ChangeRequestException.notAllowed(
                        "The author of change request " + id + " cannot approve it; someone else must");
            }
            Transitions.requireState(current, "be approved", IN_REVIEW);
            if (!store.approve(id, by.name(), current.contentHash(), comment, transitions.now())) {
                throw ChangeRequestException.wrongState(
                        id, "approved by " + by.name() + " already", "be approved again");
            }
            int approvals = current.approvals().size() + 1;
            int needed = properties.approvalsNeeded(diff.breaking(current));
            ChangeRequestState next = approvals >= needed ? APPROVED : IN_REVIEW;
            return new Transition(transitions.moved(current, next), "approved", by.name(), comment);
        });
    }

    public ChangeRequest reject(long id, String comment, Participant by) {
        return transitions.apply(id, current -> {
            if (!by.approver()) {
                throw ChangeRequestException.notAllowed("Rejecting needs role approver or admin");
            }
            Transitions.requireState(current, "be rejected", IN_REVIEW, APPROVED);
            store.clearApprovals(id);
            return new Transition(transitions.moved(current, REJECTED), "rejected", by.name(), comment);
        });
    }

    public ChangeRequest withdraw(long id, String comment, Participant by) {
        return transitions.apply(id, current -> {
            Transitions.requireAuthorOrAdmin(current, by, "withdraw");
            Transitions.requireState(current, "be withdrawn", DRAFT, IN_REVIEW, APPROVED, REJECTED, FAILED);
            return new Transition(transitions.moved(current, WITHDRAWN), "withdrawn", by.name(), comment);
        });
    }

    /** Every item staged again against its tool's version now; back to {@code draft}, approvals cleared. */
    public ChangeRequest rebase(long id, String comment, Participant by) {
        return transitions.apply(id, current -> {
            Transitions.requireAuthorOrApprover(current, by, "rebase");
            Transitions.requireState(current, "be rebased", DRAFT, IN_REVIEW, APPROVED, REJECTED, FAILED);
            List<StagedEdit> rebased = staging.based(current.items());
            rebased.forEach(item -> store.putItem(id, item, by.name(), transitions.now()));
            store.clearApprovals(id);
            long base = store.currentRevision();
            ChangeRequest next = transitions.moved(
                    Transitions.with(current, staging.contentHash(rebased), base, null, null, null), DRAFT);
            return new Transition(next, "rebased", by.name(), comment);
        });
    }

    /** An approved request to be published at {@code publishAt} by whichever node claims it first. */
    public ChangeRequest schedule(long id, Instant publishAt, Participant by) {
        if (publishAt == null) {
            throw InvalidToolException.field("publish_at", "is required (an ISO-8601 instant)");
        }
        return transitions.apply(id, current -> {
            Transitions.requireAuthorOrApprover(current, by, "schedule");
            Transitions.requireState(current, "be scheduled", APPROVED);
            ChangeRequest next = Transitions.with(
                    transitions.moved(current, APPROVED),
                    current.contentHash(),
                    current.baseRevision(),
                    publishAt,
                    null,
                    null);
            return new Transition(next, "scheduled", by.name(), "publish at " + publishAt);
        });
    }

    private static void requireItems(ChangeRequest request) {
        if (request.items().isEmpty()) {
            throw ChangeRequestException.invalid(
                    List.of(new ChangeRequestException.Problem(null, "items", "a change request needs items")));
        }
    }
}

package io.toolcatalog.core.changerequest;

import static io.toolcatalog.core.changerequest.ChangeRequestState.APPROVED;
import static io.toolcatalog.core.changerequest.ChangeRequestState.DRAFT;
import static io.toolcatalog.core.changerequest.ChangeRequestState.FAILED;
import static io.toolcatalog.core.changerequest.ChangeRequestState.IN_REVIEW;
import static io.toolcatalog.core.changerequest.ChangeRequestState.PUBLISHED;

import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.changerequest.Transitions.Transition;
import io.toolcatalog.core.error.ChangeRequestException;
import io.toolcatalog.core.error.StagedConflictException;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.write.StagedPublisher;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishing change requests, now or when their time comes. A publish validates the items again,
 * then applies them in one transaction and one revision ({@link StagedPublisher}); inside that
 * transaction the request's row is locked and must still be in the state and hold the content that
 * was validated, and it is marked published there, so the catalog write and the request's state
 * commit together or not at all. A scheduled request is claimed with {@code SKIP LOCKED}: a node
 * that finds it claimed leaves it, and a node that dies mid-publish releases it with its transaction.
 */
public final class ChangeRequestPublishing {

    private static final Logger log = LoggerFactory.getLogger(ChangeRequestPublishing.class);

    /** Who a scheduled publish is recorded as having been triggered by. */
    static final String SCHEDULER = "scheduler";

    private final ChangeRequestStore store;
    private final StagedValidation validation;
    private final StagedPublisher publisher;
    private final Transitions transitions;
    private final ChangesProperties properties;

    ChangeRequestPublishing(Workflow workflow, StagedPublisher publisher, ChangesProperties properties) {
        this.store = workflow.store();
        this.validation = workflow.validation();
        this.publisher = publisher;
        this.transitions = workflow.transitions();
        this.properties = properties;
    }

    /**
     * Publishes request {@code id} now: approved (or, while review is off, any open state). Throws
     * {@link StagedConflictException} (nothing written) when a tool moved since it was staged.
     */
    public ChangeRequest publish(long id, Participant by) {
        ChangeRequest request = ready(id, by, "publish", "be published");
        Actor actor = new Actor(by.name(), by.name(), reason(request));
        publisher.publish(request.items(), id, actor, ReloadTrigger.API_UPDATE, revision -> {
            ChangeRequest locked = store.lock(id).orElseThrow(() -> ChangeRequestException.notFound(id));
            if (locked.state() != request.state() || !locked.contentHash().equals(request.contentHash())) {
                throw ChangeRequestException.wrongState(id, "changed while publishing", "be published");
            }
            transitions.write(locked, published(locked, revision, by.name(), null));
            return true;
        });
        return store.find(id).orElseThrow();
    }

    /**
     * Request {@code id}, checked as ready for {@code by} to {@code action} (publish, or roll out):
     * its author or an approver asks, it is approved (or, while review is off, any open state), it
     * stages something, and its items are valid now.
     */
    ChangeRequest ready(long id, Participant by, String action, String passive) {
        ChangeRequest request = store.find(id).orElseThrow(() -> ChangeRequestException.notFound(id));
        Transitions.requireAuthorOrApprover(request, by, action);
        requireReady(request, passive);
        if (request.items().isEmpty()) {
            throw ChangeRequestException.wrongState(id, "empty", passive);
        }
        validation.require(request.items());
        return request;
    }

    /** Throws unless {@code request} is in a state it may leave to be published or rolled out. */
    void requireReady(ChangeRequest request, String passive) {
        if (properties.reviewRequired()) {
            Transitions.requireState(request, passive + " before it is approved", APPROVED);
        } else {
            Transitions.requireState(request, passive, DRAFT, IN_REVIEW, APPROVED);
        }
    }

    /** Publishes every scheduled request due at {@code now} that no other node has claimed; how many. */
    public int publishDue(Instant now) {
        int published = 0;
        for (long id : store.due(now, 20)) {
            if (fire(id, now)) {
                published++;
            }
        }
        return published;
    }

    /** Publishes scheduled request {@code id} if it is due and unclaimed; on a conflict or invalid items it fails. */
    boolean fire(long id, Instant now) {
        Optional<ChangeRequest> found = store.find(id);
        if (found.isEmpty() || !due(found.get(), now)) {
            return false;
        }
        ChangeRequest request = found.get();
        List<ChangeRequestException.Problem> problems = validation.problems(request.items());
        if (!problems.isEmpty()) {
            fail(
                    request,
                    "invalid: "
                            + problems.stream()
                                    .map(p -> p.item() + ": " + p.detail())
                                    .collect(Collectors.joining("; ")));
            return false;
        }
        Actor actor = new Actor(SCHEDULER, request.author(), reason(request));
        try {
            return publisher
                    .publish(request.items(), id, actor, ReloadTrigger.SCHEDULED, revision -> {
                        Optional<ChangeRequest> claimed = store.lockUnlessClaimed(id);
                        if (claimed.isEmpty()
                                || !due(claimed.get(), now)
                                || !claimed.get().contentHash().equals(request.contentHash())) {
                            return false; // another node has it, or it changed: leave it
                        }
                        transitions.write(claimed.get(), published(claimed.get(), revision, SCHEDULER, "scheduled"));
                        return true;
                    })
                    .isPresent();
        } catch (StagedConflictException e) {
            fail(request, "conflict: " + e.getMessage());
            return false;
        }
    }

    /** The request goes to {@code failed} with {@code reason}, unless it changed meanwhile. */
    private void fail(ChangeRequest request, String reason) {
        try {
            transitions.apply(request.id(), current -> {
                if (current.state() != APPROVED
                        || current.publishAt() == null
                        || !current.contentHash().equals(request.contentHash())) {
                    throw ChangeRequestException.wrongState(current.id(), "changed", "fail");
                }
                return failed(current, SCHEDULER, reason);
            });
            log.warn("Scheduled change request {} failed: {}", request.id(), reason);
        } catch (ChangeRequestException e) {
            log.debug("Scheduled change request {} changed before it could be failed", request.id());
        }
    }

    /** {@code current} to {@code failed} with {@code reason}, as {@code actor} decided. */
    Transition failed(ChangeRequest current, String actor, String reason) {
        ChangeRequest next = Transitions.with(
                transitions.moved(current, FAILED), current.contentHash(), current.baseRevision(), null, null, reason);
        return new Transition(next, "failed", actor, reason);
    }

    /** {@code locked} published at {@code revision}; {@code comment} null says the revision. */
    Transition published(ChangeRequest locked, long revision, String actor, String comment) {
        ChangeRequest next = Transitions.with(
                transitions.moved(locked, PUBLISHED),
                locked.contentHash(),
                locked.baseRevision(),
                null,
                revision,
                null);
        return new Transition(next, "published", actor, comment == null ? "revision " + revision : comment);
    }

    private static boolean due(ChangeRequest request, Instant now) {
        return request.state() == APPROVED
                && request.publishAt() != null
                && !request.publishAt().isAfter(now);
    }

    /** The change log's reason: the request, its title and who approved it. */
    private String reason(ChangeRequest request) {
        String approvers = request.approvals().stream()
                .map(ChangeRequest.Approval::approver)
                .collect(Collectors.joining(", "));
        String text = "change request " + request.id() + (approvers.isEmpty() ? "" : " (approved by " + approvers + ")")
                + ": " + request.title();
        int max = validation.validator().limits().maxReasonLength();
        return text.length() <= max ? text : text.substring(0, max);
    }
}

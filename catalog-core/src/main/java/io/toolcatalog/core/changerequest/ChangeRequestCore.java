package io.toolcatalog.core.changerequest;

import io.toolcatalog.core.store.ToolStore;
import io.toolcatalog.core.store.ToolVersionStore;
import io.toolcatalog.core.write.StagedPublisher;
import java.time.Clock;
import org.springframework.transaction.support.TransactionTemplate;

/** The change-request services, wired once around one store: authoring, review, publishing and the diff. */
public record ChangeRequestCore(
        ChangeRequests requests,
        ChangeRequestReview review,
        ChangeRequestPublishing publishing,
        ChangeRequestDiff diff,
        RolloutRequests rollouts,
        ChangesProperties properties) {

    public static ChangeRequestCore of(
            ChangeRequestStore store,
            StagedJson json,
            ToolStore tools,
            ToolVersionStore versions,
            StagedValidation validation,
            StagedPublisher publisher,
            TransactionTemplate tx,
            Clock clock,
            ChangesProperties properties) {
        Workflow workflow = new Workflow(store, validation, new Transitions(store, tx, clock));
        Staging staging = new Staging(tools, json);
        ChangeRequestDiff diff = new ChangeRequestDiff(tools, versions);
        ChangeRequestPublishing publishing = new ChangeRequestPublishing(workflow, publisher, properties);
        return new ChangeRequestCore(
                new ChangeRequests(workflow, staging),
                new ChangeRequestReview(workflow, staging, diff, properties),
                publishing,
                diff,
                new RolloutRequests(store, publishing, workflow.transitions()),
                properties);
    }

    /** Approvals {@code request} needs: more if it holds a breaking change and the properties say so. */
    public int requiredApprovals(ChangeRequest request) {
        return properties.approvalsNeeded(diff.breaking(request));
    }
}

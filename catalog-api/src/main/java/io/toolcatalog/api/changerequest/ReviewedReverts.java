package io.toolcatalog.api.changerequest;

import io.toolcatalog.api.security.Caller;
import io.toolcatalog.api.security.Role;
import io.toolcatalog.api.tool.ReviewedRevert;
import io.toolcatalog.core.changerequest.ChangeRequest;
import io.toolcatalog.core.changerequest.ChangeRequestCore;
import io.toolcatalog.core.error.RevertRefusedException;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.core.write.RevertPlan;
import java.net.URI;
import java.util.Optional;
import org.springframework.http.ResponseEntity;

/**
 * With review required, {@code POST /revisions/{R}/revert} opens a change request whose items put
 * back what R changed (each staged against the tool's version now), instead of writing; an admin
 * giving a {@code reason} still reverts at once, as with any emergency direct write.
 */
final class ReviewedReverts implements ReviewedRevert {

    private final ChangeRequestCore changes;
    private final CatalogEditor editor;

    ReviewedReverts(ChangeRequestCore changes, CatalogEditor editor) {
        this.changes = changes;
        this.editor = editor;
    }

    @Override
    public Optional<ResponseEntity<?>> open(long revision, Caller caller, String reason) {
        boolean emergency = caller.role().includes(Role.ADMIN) && reason != null && !reason.isBlank();
        if (!changes.properties().reviewRequired() || emergency) {
            return Optional.empty();
        }
        RevertPlan plan = editor.revertPlan(revision);
        if (!plan.conflicts().isEmpty()) {
            throw RevertRefusedException.conflicts(revision, plan.conflicts());
        }
        ChangeRequest opened = changes.requests()
                .open(
                        "Revert of revision " + revision,
                        reason == null ? "" : reason,
                        plan.stagedEdits(),
                        Participants.of(caller));
        return Optional.of(ResponseEntity.created(URI.create(ChangeRequestController.PATH + "/" + opened.id()))
                .body(ChangeRequestResponse.from(opened, changes)));
    }
}

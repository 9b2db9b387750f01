package io.toolcatalog.api.tool;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.toolcatalog.api.openapi.ApiTags;
import io.toolcatalog.api.security.Caller;
import io.toolcatalog.api.security.Requires;
import io.toolcatalog.api.security.Role;
import io.toolcatalog.api.web.ResponseRevision;
import io.toolcatalog.core.tool.ToolValidator;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.core.write.Reverted;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /revisions/{revision}/revert}: undoes a whole revision as one new revision. */
@RestController
@Tag(name = ApiTags.VERSIONS)
class RevertController {

    private final CatalogEditor editor;
    private final ToolValidator validator;
    private final ObjectProvider<ReviewedRevert> review;

    RevertController(CatalogEditor editor, ToolValidator validator, ObjectProvider<ReviewedRevert> review) {
        this.editor = editor;
        this.validator = validator;
        this.review = review;
    }

    /** What a revert did: the revision undone, the one that undid it, and each tool's action. */
    record RevertResponse(long revertedRevision, long revision, List<ToolStep> tools) {

        record ToolStep(String name, String action) {}

        static RevertResponse from(Reverted reverted) {
            return new RevertResponse(
                    reverted.revertedRevision(),
                    reverted.revision(),
                    reverted.steps().stream()
                            .map(s -> new ToolStep(s.name(), s.action().name().toLowerCase(Locale.ROOT)))
                            .toList());
        }
    }

    @PostMapping("/api/v1/revisions/{revision}/revert")
    @Requires(Role.EDITOR)
    @Operation(
            summary = "Revert a revision",
            description = "Puts every tool the revision wrote back to its state just before it, as one new revision:"
                    + " a tool it created is deleted, one it deleted is created again, others get their earlier"
                    + " content. History records operation 'revert' and reason 'revert of revision R'.")
    @ApiResponse(responseCode = "200", description = "Reverted; the new revision and each tool's action")
    @ApiResponse(responseCode = "404", description = "No such revision")
    @ApiResponse(
            responseCode = "409",
            description = "Tools the revision wrote changed since (listed in 'conflicts'); nothing written")
    @ApiResponse(responseCode = "410", description = "The revision is older than the change log keeps")
    @ApiResponse(responseCode = "422", description = "The revision changed no tool")
    @ApiResponse(
            responseCode = "201",
            description = "Review is required: a change request holding the revert was opened (Location names it)")
    ResponseEntity<?> revert(
            @PathVariable long revision,
            @RequestParam(name = "triggered_by", required = false) String triggeredBy,
            @RequestParam(required = false) String reason,
            Caller caller,
            ResponseRevision response) {
        ReviewedRevert reviewed = review.getIfAvailable();
        Optional<ResponseEntity<?>> opened =
                reviewed == null ? Optional.empty() : reviewed.open(revision, caller, reason);
        if (opened.isPresent()) {
            return opened.get();
        }
        Reverted reverted = editor.revert(revision, validator.actor(caller.principal(), triggeredBy, reason));
        response.committed(reverted.revision());
        return ResponseEntity.ok(RevertResponse.from(reverted));
    }
}

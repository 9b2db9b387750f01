package io.toolcatalog.api.tool;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.toolcatalog.api.error.ApiProblem;
import io.toolcatalog.api.openapi.ApiTags;
import io.toolcatalog.api.security.Caller;
import io.toolcatalog.api.security.Requires;
import io.toolcatalog.api.security.Role;
import io.toolcatalog.api.web.ResponseRevision;
import io.toolcatalog.core.store.CommittedCatalog;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.tool.ToolValidator;
import io.toolcatalog.core.write.CatalogEditor;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A tool's history and its rollback. The only read served from the database: old versions are
 * not part of the snapshot.
 */
@RestController
@RequestMapping("/api/v1/tools/{name}")
@Tag(name = ApiTags.VERSIONS)
class ToolVersionController {

    /** Each version carries a whole tool (up to 32 profiles of 16 KB): an open read returns at most 100. */
    private static final int MAX_LIMIT = 100;

    private final CommittedCatalog committed;
    private final CatalogEditor editor;
    private final ToolValidator validator;

    ToolVersionController(CommittedCatalog committed, CatalogEditor editor, ToolValidator validator) {
        this.committed = committed;
        this.editor = editor;
        this.validator = validator;
    }

    @GetMapping("/versions")
    @Operation(
            summary = "List a tool's versions",
            description = "Newest first, each with the tool as it was, the operation, revision, time and author;"
                    + " a deleted tool's versions too. Read from the database, paged by limit and offset.")
    @ApiResponse(responseCode = "200", description = "The versions and their total")
    @ApiResponse(responseCode = "404", description = "No version of a tool of that name was ever stored")
    VersionListResponse versions(
            @PathVariable String name,
            @RequestParam(defaultValue = "50") int limit,
            @RequestParam(defaultValue = "0") int offset) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiProblem.badRequest("limit", "must be between 1 and " + MAX_LIMIT);
        }
        if (offset < 0) {
            throw ApiProblem.badRequest("offset", "must not be negative");
        }
        CommittedCatalog.Versions versions = committed.versions(name, limit, offset);
        return new VersionListResponse(
                name, versions.page().stream().map(VersionResponse::from).toList(), versions.total());
    }

    @PostMapping("/rollback")
    @Requires(Role.ADMIN)
    @Operation(
            summary = "Roll a tool back",
            description = "Writes the content of an earlier version as the tool's next version (one new revision);"
                    + " also restores a deleted tool.")
    @ApiResponse(responseCode = "200", description = "Rolled back; the new ETag")
    @ApiResponse(responseCode = "404", description = "No such tool or version")
    ResponseEntity<ToolResponse> rollback(
            @PathVariable String name,
            @RequestParam int version,
            @RequestParam(name = "triggered_by", required = false) String triggeredBy,
            @RequestParam(required = false) String reason,
            Caller caller,
            ResponseRevision revision) {
        if (version < 1) {
            throw ApiProblem.badRequest("version", "must be 1 or more");
        }
        Tool tool = editor.rollback(name, version, validator.actor(caller.principal(), triggeredBy, reason));
        return ToolController.withEtag(tool, revision);
    }
}

package io.toolcatalog.api.schema;

import com.fasterxml.jackson.databind.JsonNode;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.toolcatalog.api.openapi.ApiTags;
import io.toolcatalog.api.security.Caller;
import io.toolcatalog.api.security.Requires;
import io.toolcatalog.api.security.Role;
import io.toolcatalog.api.web.ResponseRevision;
import io.toolcatalog.core.error.ToolNotFoundException;
import io.toolcatalog.core.reload.CatalogSnapshot;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.tool.ToolValidator;
import io.toolcatalog.core.write.SchemaEditor;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Profile schemas: reads come from this node's snapshot (the schemas of the revision it serves, in
 * {@code X-Catalog-Revision}); a set or delete is a catalog change, admin only.
 */
@RestController
@RequestMapping(value = "/api/v1/schemas/profiles", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = ApiTags.SCHEMAS)
class SchemaController {

    private final SchemaEditor editor;
    private final ToolValidator validator;

    SchemaController(SchemaEditor editor, ToolValidator validator) {
        this.editor = editor;
        this.validator = validator;
    }

    @GetMapping
    @Operation(summary = "Read every profile schema", description = "By profile name, at this node's revision.")
    SchemaResponses.SchemaList list(ResponseRevision revision) {
        CatalogSnapshot snapshot = revision.snapshot();
        return new SchemaResponses.SchemaList(
                snapshot.revision(), snapshot.schemas().documents());
    }

    @GetMapping("/{name}")
    @Operation(
            summary = "Read one profile schema",
            description = "The document as it was set, at this node's revision.")
    @ApiResponse(responseCode = "404", description = "That profile has no schema")
    SchemaResponses.ProfileSchema one(@PathVariable String name, ResponseRevision revision) {
        CatalogSnapshot snapshot = revision.snapshot();
        JsonNode document = snapshot.schemas().documents().get(name);
        if (document == null) {
            throw ToolNotFoundException.profileSchema(name);
        }
        return new SchemaResponses.ProfileSchema(name, snapshot.revision(), document);
    }

    @PutMapping(value = "/{name}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Requires(Role.ADMIN)
    @Operation(
            summary = "Set a profile schema",
            description = "The body is the JSON Schema 2020-12 document. One catalog revision; refused (422, listing"
                    + " them) while tools break it. dry_run=true lists the tools it would reject and sets nothing.")
    @ApiResponse(responseCode = "200", description = "Set (or, with dry_run, the tools it would reject)")
    @ApiResponse(responseCode = "400", description = "Not a JSON Schema 2020-12 document")
    @ApiResponse(responseCode = "422", description = "Tools break it; nothing was set")
    ResponseEntity<?> set(
            @PathVariable String name,
            @RequestBody JsonNode schema,
            @RequestParam(name = "dry_run", defaultValue = "false") boolean dryRun,
            @RequestParam(name = "triggered_by", required = false) String triggeredBy,
            @RequestParam(required = false) String reason,
            Caller caller,
            ResponseRevision revision) {
        if (dryRun) {
            return ResponseEntity.ok(SchemaResponses.DryRun.of(name, editor.dryRun(name, schema)));
        }
        Actor actor = validator.actor(caller.principal(), triggeredBy, reason);
        long at = editor.set(name, schema, actor);
        revision.committed(at);
        return ResponseEntity.ok(new SchemaResponses.SchemaChanged(name, at, false));
    }

    @DeleteMapping("/{name}")
    @Requires(Role.ADMIN)
    @Operation(
            summary = "Delete a profile schema",
            description = "One catalog revision; profiles of that name are no" + " longer checked.")
    @ApiResponse(responseCode = "404", description = "That profile has no schema")
    SchemaResponses.SchemaChanged delete(
            @PathVariable String name,
            @RequestParam(name = "triggered_by", required = false) String triggeredBy,
            @RequestParam(required = false) String reason,
            Caller caller,
            ResponseRevision revision) {
        long at = editor.delete(name, validator.actor(caller.principal(), triggeredBy, reason));
        revision.committed(at);
        return new SchemaResponses.SchemaChanged(name, at, true);
    }
}

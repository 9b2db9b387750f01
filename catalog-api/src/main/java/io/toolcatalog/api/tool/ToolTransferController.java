package io.toolcatalog.api.tool;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.toolcatalog.api.error.ApiProblem;
import io.toolcatalog.api.openapi.ApiTags;
import io.toolcatalog.api.security.Caller;
import io.toolcatalog.api.security.Requires;
import io.toolcatalog.api.security.Role;
import io.toolcatalog.api.view.ViewETag;
import io.toolcatalog.api.web.ResponseRevision;
import io.toolcatalog.core.reload.ConsumerView;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.tool.ToolDraft;
import io.toolcatalog.core.tool.ToolValidator;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.core.write.ImportMode;
import io.toolcatalog.core.write.ImportResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MimeTypeUtils;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Bulk import and export, in JSON or YAML. An import is one transaction and one revision. */
@RestController
@RequestMapping("/api/v1/tools")
@Tag(name = ApiTags.TRANSFER)
class ToolTransferController {

    private static final List<MediaType> JSON_TYPES = List.of(MediaType.APPLICATION_JSON);

    private final CatalogEditor editor;
    private final ImportBodies bodies;
    private final RenderedExport export;
    private final ToolValidator validator;

    ToolTransferController(CatalogEditor editor, ImportBodies bodies, RenderedExport export, ToolValidator validator) {
        this.export = export;
        this.editor = editor;
        this.bodies = bodies;
        this.validator = validator;
    }

    @PostMapping(
            value = "/import",
            consumes = {"application/json", "application/yaml", "application/x-yaml", "text/yaml"})
    @Requires(Role.ADMIN)
    @Operation(
            summary = "Import tools",
            description = "The export's shape, JSON or YAML; all or nothing, one revision. mode=merge creates and"
                    + " updates the tools listed, mode=replace also deletes the others; dry_run=true only counts.")
    @ApiResponse(responseCode = "200", description = "What the import did, or on a dry run would do")
    @RequestBody(
            content = {
                @Content(
                        mediaType = "application/json",
                        examples =
                                @ExampleObject(
                                        name = "json",
                                        value =
                                                "{\"tools\": [{\"name\": \"grep\", \"description\": \"Search text using patterns\", \"category\": \"search\",\n \"tags\": [\"text\"], \"enabled\": true,\n \"profiles\": {\"default\": {\"timeout_ms\": 5000, \"max_retries\": 2, \"cost_weight\": 0.2,\n                          \"latency_weight\": 0.5, \"quality_weight\": 0.3, \"parameters\": {\"flags\": \"-n\"}}}}]}")),
                @Content(
                        mediaType = "application/yaml",
                        examples =
                                @ExampleObject(
                                        name = "yaml",
                                        value =
                                                "tools:\n  - name: grep\n    description: Search text using patterns\n    category: search\n    tags: [text]\n    profiles:\n      default: {timeout_ms: 5000, max_retries: 2, cost_weight: 0.2, latency_weight: 0.5, quality_weight: 0.3}\n"))
            })
    ImportResponse importTools(
            @org.springframework.web.bind.annotation.RequestBody byte[] body,
            @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType contentType,
            @RequestParam(defaultValue = "merge") String mode,
            @RequestParam(name = "dry_run", defaultValue = "false") boolean dryRun,
            @RequestParam(name = "triggered_by", required = false) String triggeredBy,
            @RequestParam(required = false) String reason,
            Caller caller,
            ResponseRevision revision)
            throws IOException {
        ImportMode importMode = modeOf(mode);
        Actor actor = validator.actor(caller.principal(), triggeredBy, reason);
        List<ToolDraft> drafts = bodies.drafts(body, contentType);
        ImportResult result = editor.importTools(drafts, importMode, dryRun, actor);
        if (!result.dryRun()) {
            revision.committed(result.revision());
        }
        return ImportResponse.from(result);
    }

    @GetMapping("/export")
    @Operation(
            summary = "Export the catalog",
            description = "Every tool of this node's snapshot in the caller's view, with its revision; YAML when"
                    + " Accept prefers it. An export imports back unchanged. Its (weak) ETag names the revision,"
                    + " the view and the format.")
    @ApiResponse(responseCode = "200", description = "The catalog")
    @ApiResponse(responseCode = "304", description = "Not modified since the ETag sent")
    @ApiResponse(responseCode = "406", description = "Accept allows neither JSON nor YAML")
    ResponseEntity<byte[]> export(
            @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept,
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            ConsumerView view)
            throws HttpMediaTypeNotAcceptableException {
        boolean asYaml = prefersYaml(accept);
        // weak: exported_at is when this node first rendered the revision, so nodes differ in it
        String etag = "W/" + ViewETag.of(view, asYaml ? "yaml" : "json");
        if (ViewETag.matches(ifNoneMatch, etag)) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
        }
        return ResponseEntity.ok()
                .eTag(etag)
                .varyBy(HttpHeaders.ACCEPT)
                .contentType(asYaml ? YamlMapper.MEDIA_TYPES.get(0) : MediaType.APPLICATION_JSON)
                .body(export.render(view, asYaml));
    }

    private static ImportMode modeOf(String mode) {
        return switch (mode.toLowerCase(Locale.ROOT)) {
            case "merge" -> ImportMode.MERGE;
            case "replace" -> ImportMode.REPLACE;
            default -> throw ApiProblem.badRequest("mode", "'" + mode + "' is not merge or replace");
        };
    }

    /** JSON unless {@code Accept} ranks a YAML type above JSON; 406 when it accepts neither. */
    private static boolean prefersYaml(String accept) throws HttpMediaTypeNotAcceptableException {
        if (accept == null || accept.isBlank()) {
            return false;
        }
        List<MediaType> accepted;
        try {
            accepted = new ArrayList<>(MediaType.parseMediaTypes(accept));
        } catch (InvalidMediaTypeException e) {
            throw ApiProblem.badRequest(HttpHeaders.ACCEPT, "'" + accept + "' is not a list of media types");
        }
        MimeTypeUtils.sortBySpecificity(accepted);
        for (MediaType type : accepted) {
            if (type.getQualityValue() == 0) {
                continue;
            }
            if (YamlMapper.MEDIA_TYPES.stream().anyMatch(type::includes)
                    && !type.includes(MediaType.APPLICATION_JSON)) {
                return true;
            }
            if (type.includes(MediaType.APPLICATION_JSON)) {
                return false;
            }
        }
        List<MediaType> available = new ArrayList<>(JSON_TYPES);
        available.addAll(YamlMapper.MEDIA_TYPES);
        throw new HttpMediaTypeNotAcceptableException(available);
    }
}

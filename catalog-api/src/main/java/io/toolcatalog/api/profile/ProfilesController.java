package io.toolcatalog.api.profile;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.toolcatalog.api.openapi.ApiTags;
import io.toolcatalog.api.web.ResponseRevision;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /profiles}: the view of the request's snapshot, with its revision as ETag and header. */
@RestController
@Tag(name = ApiTags.PROFILES)
class ProfilesController {

    private final ProfilesView view;

    ProfilesController(ProfilesView view) {
        this.view = view;
    }

    @GetMapping(value = "/api/v1/profiles", produces = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Read every enabled tool's profiles",
            description = "What pipelines load, rendered once per revision; its ETag is the revision, so"
                    + " If-None-Match answers 304 until the catalog changes.")
    @ApiResponse(responseCode = "200", description = "The profiles at the revision in X-Catalog-Revision")
    @ApiResponse(responseCode = "304", description = "Not modified since the ETag sent")
    ResponseEntity<byte[]> profiles(
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            ResponseRevision revision) {
        ProfilesView.ProfilesBody rendered = view.of(revision.snapshot());
        if (ifNoneMatch != null && matches(ifNoneMatch, rendered.etag())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                    .eTag(rendered.etag())
                    .build();
        }
        return ResponseEntity.ok()
                .eTag(rendered.etag())
                .contentType(MediaType.APPLICATION_JSON)
                .body(rendered.body());
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String tag : ifNoneMatch.split(",")) {
            String value = tag.trim();
            if (value.equals("*") || value.equals(etag) || value.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }
}

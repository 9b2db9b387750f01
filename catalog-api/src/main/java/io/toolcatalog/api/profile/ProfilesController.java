package io.toolcatalog.api.profile;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.toolcatalog.api.openapi.ApiTags;
import io.toolcatalog.api.view.ViewETag;
import io.toolcatalog.core.reload.ConsumerView;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /profiles}: what the caller's view of the request's snapshot holds, with the revision
 * (and the view, when it is not stable) as ETag.
 */
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
            description = "What pipelines load, in the caller's view (X-Catalog-Consumer and"
                    + " X-Catalog-Consumer-Labels; X-Catalog-View names it), rendered once per revision and view;"
                    + " its ETag is the revision (and the view), so If-None-Match answers 304 until either changes.")
    @ApiResponse(responseCode = "200", description = "The profiles at the revision in X-Catalog-Revision")
    @ApiResponse(responseCode = "304", description = "Not modified since the ETag sent")
    ResponseEntity<byte[]> profiles(
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            ConsumerView consumerView) {
        ProfilesView.ProfilesBody rendered = view.of(consumerView);
        if (ViewETag.matches(ifNoneMatch, rendered.etag())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED)
                    .eTag(rendered.etag())
                    .build();
        }
        return ResponseEntity.ok()
                .eTag(rendered.etag())
                .contentType(MediaType.APPLICATION_JSON)
                .body(rendered.body());
    }
}

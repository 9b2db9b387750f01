package io.toolcatalog.api.profile;

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
class ProfilesController {

    private final ProfilesView view;

    ProfilesController(ProfilesView view) {
        this.view = view;
    }

    @GetMapping(value = "/api/v1/profiles", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<byte[]> profiles(
            @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
            ResponseRevision revision) {
        ProfilesView.Rendered rendered = view.of(revision.snapshot());
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

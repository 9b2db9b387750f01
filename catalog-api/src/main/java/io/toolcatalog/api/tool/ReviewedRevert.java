package io.toolcatalog.api.tool;

import io.toolcatalog.api.security.Caller;
import java.util.Optional;
import org.springframework.http.ResponseEntity;

/**
 * Where changes need review, a revert is not written at once: it opens a change request holding
 * the revert's items. Implemented by the change requests' API.
 */
public interface ReviewedRevert {

    /**
     * The answer for a revert of {@code revision} that opened a change request, or empty when the
     * revert may apply at once (review off, or an admin's emergency write with a {@code reason}).
     */
    Optional<ResponseEntity<?>> open(long revision, Caller caller, String reason);
}

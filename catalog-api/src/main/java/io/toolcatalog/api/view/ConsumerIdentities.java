package io.toolcatalog.api.view;

import io.toolcatalog.api.error.ApiProblem;
import io.toolcatalog.api.security.Caller;
import io.toolcatalog.api.security.Callers;
import io.toolcatalog.core.cohort.ConsumerIdentity;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Who a read is for: {@code X-Catalog-Consumer} and {@code X-Catalog-Consumer-Labels}; without the
 * id header, a caller with a named principal (a bearer token) is that principal. A bad header is a
 * 400 naming it. The one place every read path (and the watch stream) takes its consumer from.
 */
public final class ConsumerIdentities {

    private ConsumerIdentities() {}

    /** The consumer {@code request} names; runs after the security interceptor, so a token's principal counts. */
    public static ConsumerIdentity of(HttpServletRequest request) {
        String id = request.getHeader(ConsumerIdentity.ID_HEADER);
        String labels = request.getHeader(ConsumerIdentity.LABELS_HEADER);
        if ((id == null || id.isEmpty()) && (labels == null || labels.isEmpty())) {
            String principal = principalOf(request);
            return principal == null ? ConsumerIdentity.ANONYMOUS : new ConsumerIdentity(principal, null);
        }
        ConsumerIdentity parsed;
        try {
            parsed = ConsumerIdentity.parse(id, labels);
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            String field = message.startsWith(ConsumerIdentity.LABELS_HEADER)
                    ? ConsumerIdentity.LABELS_HEADER
                    : ConsumerIdentity.ID_HEADER;
            String detail = message.startsWith(field)
                    ? message.substring(field.length()).trim()
                    : message;
            throw ApiProblem.badRequest(field, detail);
        }
        if (parsed.anonymous()) {
            String principal = principalOf(request);
            return principal == null ? parsed : new ConsumerIdentity(principal, parsed.labels());
        }
        return parsed;
    }

    private static String principalOf(HttpServletRequest request) {
        Caller caller = Callers.of(request);
        return caller.isAnonymous() ? null : caller.principal();
    }
}

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
        return of(
                request.getHeader(ConsumerIdentity.ID_HEADER),
                request.getHeader(ConsumerIdentity.LABELS_HEADER),
                principalOf(request));
    }

    /**
     * The consumer named by the headers' values {@code id} and {@code labels}, or by {@code
     * principal} (the caller's named principal, null when anonymous) when no id is sent; a bad
     * header is a 400 naming it.
     */
    public static ConsumerIdentity of(String id, String labels, String principal) {
        ConsumerIdentity named;
        try {
            named = ConsumerIdentity.parse(id, labels);
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            String field = message.startsWith(ConsumerIdentity.LABELS_HEADER)
                    ? ConsumerIdentity.LABELS_HEADER
                    : ConsumerIdentity.ID_HEADER;
            throw ApiProblem.badRequest(
                    field,
                    message.substring(message.startsWith(field) ? field.length() : 0)
                            .trim());
        }
        if (named.anonymous() && principal != null) {
            return new ConsumerIdentity(principal, named.labels());
        }
        return named.anonymous() ? ConsumerIdentity.ANONYMOUS : named;
    }

    private static String principalOf(HttpServletRequest request) {
        Caller caller = Callers.of(request);
        return caller.isAnonymous() ? null : caller.principal();
    }
}

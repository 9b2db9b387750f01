package io.toolcatalog.node.robustness;

/**
 * One request a client sent and what came back, as recorded during the run.
 *
 * @param id order in which requests were sent
 * @param client the client thread that sent it
 * @param node the node it was sent to
 * @param lifetime which process of that node (1 for the first start, 2 after the first restart, …)
 * @param tool the tool it is about, null for the whole catalog
 * @param minRevision the {@code X-Catalog-Min-Revision} sent, null when none
 * @param startMs when it was sent, in ms since the run started
 * @param endMs when the answer (or the failure) came, in ms since the run started
 * @param status the HTTP status, 0 when no answer came
 * @param revision the {@code X-Catalog-Revision} answered, null when none
 * @param error why no answer came (connection refused or reset, timeout)
 * @param disturbed whether the node was down, killed or restarted while the request was in flight
 */
record Operation(
        long id,
        int client,
        String node,
        int lifetime,
        OpKind kind,
        String method,
        String path,
        String tool,
        String requestBody,
        Long minRevision,
        double startMs,
        double endMs,
        int status,
        String contentType,
        String retryAfter,
        Long revision,
        String body,
        String error,
        boolean disturbed) {

    boolean ok() {
        return status >= 200 && status < 300;
    }

    boolean answered() {
        return status > 0;
    }

    /** One line for a report: when, where, what, and what came back (the body cut short). */
    String describe() {
        String answer = answered()
                ? status + " rev=" + revision + " " + abbreviate(body, 400)
                : "no answer: " + error + (disturbed ? " (node disturbed)" : "");
        return String.format(
                "#%d t=%.3fs..%.3fs client=%d node=%s life=%d %s %s%s%s -> %s",
                id,
                startMs / 1000,
                endMs / 1000,
                client,
                node,
                lifetime,
                method,
                path,
                minRevision == null ? "" : " [min-revision " + minRevision + "]",
                requestBody == null ? "" : " body=" + abbreviate(requestBody, 300),
                answer);
    }

    private static String abbreviate(String s, int max) {
        if (s == null) {
            return "";
        }
        String flat = s.replace('\n', ' ');
        return flat.length() <= max ? flat : flat.substring(0, max) + "…(" + flat.length() + " chars)";
    }
}

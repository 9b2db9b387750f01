package io.toolcatalog.node.api;

import static org.assertj.core.api.Assertions.assertThat;

/** Assertions on RFC 9457 answers. */
final class Problems {

    private Problems() {}

    /** A problem+json answer with this status, the revision header, and a detail. */
    static Api.Reply assertProblem(Api.Reply reply, int status) {
        assertThat(reply.status()).as(reply.toString()).isEqualTo(status);
        assertThat(reply.contentType()).as(reply.toString()).startsWith("application/problem+json");
        assertThat(reply.header("X-Catalog-Revision")).as(reply.toString()).isPresent();
        assertThat(reply.json().path("status").asInt()).isEqualTo(status);
        assertThat(reply.json().path("detail").asText()).isNotBlank();
        return reply;
    }

    /** A 400 naming {@code field}, whose detail contains {@code detailPart}. */
    static Api.Reply assertBadRequest(Api.Reply reply, String field, String detailPart) {
        assertProblem(reply, 400);
        assertThat(reply.json().path("field").asText()).as(reply.toString()).isEqualTo(field);
        assertThat(reply.json().path("detail").asText()).as(reply.toString()).contains(detailPart);
        return reply;
    }
}

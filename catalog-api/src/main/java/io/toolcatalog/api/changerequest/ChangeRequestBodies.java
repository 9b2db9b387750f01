package io.toolcatalog.api.changerequest;

import io.toolcatalog.api.tool.ToolBody;
import java.time.Instant;

/** The request bodies of {@code /change-requests}. */
final class ChangeRequestBodies {

    private ChangeRequestBodies() {}

    /** {@code POST /change-requests}. */
    record Create(String title, String description) {}

    /** {@code PUT /change-requests/{id}/items/{name}}: {@code upsert} takes {@code tool}. */
    record ItemBody(String action, ToolBody tool) {}

    /** Submit, approve, reject, withdraw, rebase: an optional comment. */
    record Comment(String comment) {}

    /** {@code POST /change-requests/{id}/schedule}. */
    record Schedule(Instant publishAt) {}
}

package io.toolcatalog.api.reload;

import io.toolcatalog.core.history.HistoryPage;
import java.util.List;

/** {@code GET /tools/reload/history}: newest first; {@code source} is {@code cluster} or {@code local}. */
record HistoryResponse(List<ReloadEventResponse> history, int total, String source) {

    static HistoryResponse from(HistoryPage page) {
        return new HistoryResponse(
                page.history().stream().map(ReloadEventResponse::from).toList(), page.total(), page.source());
    }
}

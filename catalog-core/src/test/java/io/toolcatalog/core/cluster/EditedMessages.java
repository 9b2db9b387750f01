package io.toolcatalog.core.cluster;

import java.time.Instant;
import java.util.List;

/** Received messages with some fields changed, as a buggy or hostile peer would send them. */
final class EditedMessages {

    private EditedMessages() {}

    /** {@code message} with the given commit time, from-revision, rows, format and rollouts. */
    static ChangeMessage edited(
            ChangeMessage message,
            Instant committedAt,
            Long fromRevision,
            List<CarriedTool> written,
            Integer format,
            List<CarriedRollout> rollouts) {
        return new ChangeMessage(
                message.revision(),
                message.tools(),
                message.operation(),
                message.trigger(),
                message.originNode(),
                message.triggeredBy(),
                message.reason(),
                message.reloadId(),
                committedAt,
                message.principal(),
                format,
                fromRevision,
                written,
                message.removed(),
                message.publishedAt(),
                message.changeRequestId(),
                rollouts);
    }
}

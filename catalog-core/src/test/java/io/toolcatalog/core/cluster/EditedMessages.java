package io.toolcatalog.core.cluster;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;

/** Received messages with some fields changed, as a buggy or hostile peer would send them. */
final class EditedMessages {

    private static final ObjectMapper TREES = new ObjectMapper();

    private EditedMessages() {}

    /** {@code row} with {@code field} set to {@code value} (JSON null for null), the rest as it is. */
    static CarriedTool withField(CarriedTool row, String field, Object value) {
        ObjectNode edited = row.row().deepCopy();
        edited.set(field, TREES.valueToTree(value));
        return new CarriedTool(edited);
    }

    /** {@code row} without {@code field}, as a build that does not know the field writes it. */
    static CarriedTool withoutField(CarriedTool row, String field) {
        ObjectNode edited = row.row().deepCopy();
        edited.remove(field);
        return new CarriedTool(edited);
    }

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

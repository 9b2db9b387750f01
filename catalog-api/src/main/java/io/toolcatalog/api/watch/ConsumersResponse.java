package io.toolcatalog.api.watch;

import io.toolcatalog.core.cluster.ConsumerPosition;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * {@code GET /cluster/consumers}: the catalog's revision and every consumer heard from within the
 * time to live, with its lag behind that revision; {@code source} is {@code cluster} or {@code
 * local} (this node's consumers only, when the cluster's table cannot be read). One page at a time:
 * {@code next_cursor} asks for the next (null on the last), {@code total} is about how many there are.
 */
record ConsumersResponse(
        long revision, List<ConsumerResponse> consumers, String source, String nextCursor, long total) {

    static ConsumersResponse of(
            long revision, List<ConsumerPosition> positions, String source, String nextCursor, long total) {
        return new ConsumersResponse(
                revision,
                positions.stream()
                        .sorted(Comparator.comparing(ConsumerPosition::key))
                        .map(p -> ConsumerResponse.from(p, revision))
                        .toList(),
                source,
                nextCursor,
                total);
    }

    record ConsumerResponse(
            String consumerId,
            String nodeId,
            long deliveredRevision,
            long lag,
            Instant connectedSince,
            Instant lastSeen,
            String view) {

        static ConsumerResponse from(ConsumerPosition position, long revision) {
            return new ConsumerResponse(
                    position.consumerId(),
                    position.nodeId(),
                    position.deliveredRevision(),
                    Math.max(0, revision - position.deliveredRevision()),
                    position.connectedSince(),
                    position.lastSeen(),
                    position.view());
        }
    }
}

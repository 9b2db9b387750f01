package io.toolcatalog.api.watch;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.toolcatalog.api.error.ApiProblem;
import io.toolcatalog.api.openapi.ApiTags;
import io.toolcatalog.api.web.ResponseRevision;
import io.toolcatalog.core.cluster.ConsumerPosition;
import io.toolcatalog.core.cluster.ConsumerRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /cluster/consumers}: every watch consumer of the cluster, from the shared registry;
 * this node's own when the registry cannot be read (and {@code source} says {@code local}). Lag is
 * measured against the request's snapshot of this node's catalog (the revision its header names),
 * so the answer costs no database read, and a page is bounded, so an anonymous caller never makes a
 * node read the whole table.
 */
@RestController
@Tag(name = ApiTags.CLUSTER)
class ConsumersController {

    private static final Logger log = LoggerFactory.getLogger(ConsumersController.class);

    private final ConsumerRegistry registry;
    private final ConsumerTracker local;
    private final Clock clock;
    private final Duration ttl;

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;
    private static final Pattern CURSOR = Pattern.compile("^[A-Za-z0-9._:@/-]{1,128}@\\S{1,200}$");

    ConsumersController(ConsumerRegistry registry, ConsumerTracker local, Clock clock, WatchProperties settings) {
        this.registry = registry;
        this.local = local;
        this.clock = clock;
        this.ttl = settings.consumerTtl();
    }

    @GetMapping("/api/v1/cluster/consumers")
    @Operation(
            summary = "List the cluster's watch consumers",
            description = "Each consumer's id, node, delivered revision, lag, connected since and last seen, for the"
                    + " whole cluster, ordered by id and node, limit (default 100, at most 500) at a time: pass"
                    + " next_cursor back as cursor for the next page. source says local when only this node's own"
                    + " could be read.")
    @ApiResponse(responseCode = "200", description = "The consumers")
    @ApiResponse(responseCode = "400", description = "limit or cursor is not valid")
    ConsumersResponse consumers(
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String cursor,
            ResponseRevision revision) {
        int pageSize = limitOf(limit);
        if (cursor != null && !CURSOR.matcher(cursor).matches()) {
            throw ApiProblem.badRequest("cursor", "is not a cursor this endpoint gave out");
        }
        long applied = revision.snapshot().revision();
        Instant cutoff = clock.instant().minus(ttl);
        ConsumerRegistry.ConsumerPage page;
        String source = "cluster";
        try {
            page = registry.consumers(cursor, pageSize);
        } catch (RuntimeException e) {
            log.debug("Consumer registry unavailable ({}); answering with this node's consumers", e.toString());
            page = localPage(cursor, pageSize);
            source = "local";
        }
        List<ConsumerPosition> positions = page.consumers().stream()
                .filter(p -> p.lastSeen() != null && p.lastSeen().isAfter(cutoff))
                .toList();
        return ConsumersResponse.of(applied, positions, source, page.nextCursor(), page.total());
    }

    private ConsumerRegistry.ConsumerPage localPage(String cursor, int pageSize) {
        List<ConsumerPosition> all = local.local().stream()
                .filter(p -> cursor == null || p.key().compareTo(cursor) > 0)
                .sorted(Comparator.comparing(ConsumerPosition::key))
                .toList();
        List<ConsumerPosition> page = all.subList(0, Math.min(pageSize, all.size()));
        String next = all.size() > pageSize ? page.get(page.size() - 1).key() : null;
        return new ConsumerRegistry.ConsumerPage(page, next, all.size());
    }

    private static int limitOf(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiProblem.badRequest("limit", "must be an integer from 1 to " + MAX_LIMIT);
    }
}

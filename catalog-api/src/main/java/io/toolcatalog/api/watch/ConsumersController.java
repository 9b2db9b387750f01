package io.toolcatalog.api.watch;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.toolcatalog.api.openapi.ApiTags;
import io.toolcatalog.core.cluster.ConsumerPosition;
import io.toolcatalog.core.cluster.ConsumerRegistry;
import io.toolcatalog.core.reload.AppliedCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /cluster/consumers}: every watch consumer of the cluster, from the shared registry;
 * this node's own when the registry cannot be read (and {@code source} says {@code local}). Lag is
 * measured against this node's applied revision, so the answer costs no database read.
 */
@RestController
@Tag(name = ApiTags.CLUSTER)
class ConsumersController {

    private static final Logger log = LoggerFactory.getLogger(ConsumersController.class);

    private final ConsumerRegistry registry;
    private final ConsumerTracker local;
    private final AppliedCatalog catalog;
    private final Clock clock;
    private final Duration ttl;

    ConsumersController(
            ConsumerRegistry registry,
            ConsumerTracker local,
            AppliedCatalog catalog,
            Clock clock,
            WatchProperties settings) {
        this.registry = registry;
        this.local = local;
        this.catalog = catalog;
        this.clock = clock;
        this.ttl = settings.consumerTtl();
    }

    @GetMapping("/api/v1/cluster/consumers")
    @Operation(
            summary = "List the cluster's watch consumers",
            description = "Each consumer's id, node, delivered revision, lag, connected since and last seen, for the"
                    + " whole cluster; source says local when only this node's own could be read.")
    @ApiResponse(responseCode = "200", description = "The consumers")
    ConsumersResponse consumers() {
        long revision = catalog.applied();
        List<ConsumerPosition> positions;
        try {
            Instant cutoff = clock.instant().minus(ttl);
            positions = registry.consumers().stream()
                    .filter(p -> p.lastSeen() != null && p.lastSeen().isAfter(cutoff))
                    .toList();
        } catch (RuntimeException e) {
            log.debug("Consumer registry unavailable ({}); answering with this node's consumers", e.toString());
            return ConsumersResponse.of(revision, local.local(), "local");
        }
        return ConsumersResponse.of(revision, positions, "cluster");
    }
}

package io.toolcatalog.node.changerequest;

import io.toolcatalog.core.changerequest.ChangeRequestCore;
import io.toolcatalog.core.cluster.NodeIdentity;
import io.toolcatalog.core.error.RolloutException;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.rollout.OutcomeReports;
import io.toolcatalog.core.rollout.RolloutDriver;
import io.toolcatalog.core.rollout.RolloutStore;
import io.toolcatalog.core.rollout.Rollouts;
import io.toolcatalog.core.store.ToolStore;
import io.toolcatalog.core.tool.ToolJson;
import io.toolcatalog.core.write.Commits;
import io.toolcatalog.core.write.StagedPublisher;
import io.toolcatalog.core.write.StateChanges;
import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** Wires gradual rollouts: their store, their moves through the write path, outcome reports, and the driver. */
@Configuration(proxyBeanMethods = false)
class RolloutConfiguration {

    private static final Logger log = LoggerFactory.getLogger(RolloutConfiguration.class);

    @Bean
    RolloutStore rolloutStore(JdbcTemplate jdbc, ToolJson json) {
        return new RolloutStore(jdbc, json);
    }

    @Bean
    Rollouts rollouts(
            RolloutStore store,
            Commits commits,
            ToolStore tools,
            CatalogReloader reloader,
            NodeIdentity node,
            StagedPublisher publisher,
            ChangeRequestCore changeRequests,
            ScheduledExecutorService changeRequestScheduler) {
        Rollouts rollouts = new Rollouts(store, new StateChanges(commits, tools), publisher, changeRequests.rollouts());
        // A rollout this node cannot take stops: its catch-up fails (the last good snapshot keeps
        // serving) until the abort's revision drops the rollout. Aborted off the reloader's thread.
        reloader.onUnreadableRollout(e -> changeRequestScheduler.execute(() -> {
            try {
                rollouts.abort(
                        e.rolloutId(),
                        node.nodeId(),
                        "node " + node.nodeId() + " could not apply it: " + e.getMessage());
                log.warn("Aborted rollout {}: this node could not apply it", e.rolloutId(), e);
            } catch (RolloutException ended) {
                log.debug("Rollout {} already ended: {}", e.rolloutId(), ended.getMessage());
            }
        }));
        return rollouts;
    }

    @Bean
    OutcomeReports outcomeReports(RolloutStore store, Rollouts rollouts, Clock clock) {
        return new OutcomeReports(store, rollouts, clock);
    }

    @Bean
    RolloutDriver rolloutDriver(RolloutStore store, Rollouts rollouts, Clock clock) {
        return new RolloutDriver(store, rollouts, clock);
    }
}

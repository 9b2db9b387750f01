package io.toolcatalog.api.rollout;

import io.toolcatalog.api.error.ApiProblem;
import io.toolcatalog.core.cluster.ConsumerRegistry;
import io.toolcatalog.core.cohort.ConsumerIdentity;
import io.toolcatalog.core.reload.AppliedCatalog;
import io.toolcatalog.core.rollout.OutcomeReports;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer's outcome report, taken under the principal that sent it: refused when the consumer id
 * is another principal's by the consumer registry's rule, else recorded on the rollouts of this
 * node's snapshot.
 */
final class OutcomeIntake {

    private static final Logger log = LoggerFactory.getLogger(OutcomeIntake.class);

    private final OutcomeReports reports;
    private final AppliedCatalog catalog;
    private final ConsumerRegistry registry;

    OutcomeIntake(OutcomeReports reports, AppliedCatalog catalog, ConsumerRegistry registry) {
        this.reports = reports;
        this.catalog = catalog;
        this.registry = registry;
    }

    /**
     * Records the report of {@code who} sent by {@code owner} (the caller's principal, null when
     * anonymous); answers how many tools' counts were taken. 403 when another principal owns the id,
     * 503 when the registry cannot say.
     */
    int take(
            ConsumerIdentity who,
            String owner,
            Map<String, OutcomeReports.Counts> counts,
            List<OutcomeReports.ApplyFailure> failures) {
        if (!owns(who.id(), owner)) {
            throw ApiProblem.forbidden(
                    owner == null
                            ? "Consumer id '" + who.id() + "' is owned by a principal; report under it with its token"
                            : "Consumer id '" + who.id() + "' is owned by another principal than '" + owner + "'");
        }
        return reports.record(who, catalog.snapshot().rollouts(), counts, failures);
    }

    private boolean owns(String consumerId, String owner) {
        try {
            return registry.claim(consumerId, owner);
        } catch (RuntimeException e) {
            log.warn("Could not check who owns consumer id {}: {}", consumerId, e.toString());
            throw ApiProblem.serviceUnavailable(
                    "The consumer registry cannot be reached to check who owns this consumer id", 5);
        }
    }
}

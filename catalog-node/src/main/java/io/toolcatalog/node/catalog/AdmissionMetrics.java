package io.toolcatalog.node.catalog;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.toolcatalog.core.reload.MinRevisionGate;
import io.toolcatalog.core.write.WriteTransactions;
import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Admission and fault metrics: writes turned away or failed by the database (and commits found
 * committed after their connection died), min-revision reads refused, waiters and writes in flight,
 * how many writes each group commit carried,
 * and whether PostgreSQL answers the node's sync.
 */
@Component
class AdmissionMetrics implements MeterBinder {

    private final WriteTransactions writes;
    private final MinRevisionGate gate;
    private final DatabaseWatch database;

    AdmissionMetrics(WriteTransactions writes, MinRevisionGate gate, DatabaseWatch database) {
        this.writes = writes;
        this.gate = gate;
        this.database = database;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (WriteTransactions.Fault fault : WriteTransactions.Fault.values()) {
            FunctionCounter.builder("catalog.writes.faults", writes, w -> w.count(fault))
                    .description("Writes that were not admitted, failed in the database, or whose commit was checked")
                    .tag("fault", fault.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        Gauge.builder("catalog.writes.in.flight", writes, WriteTransactions::inFlight)
                .description("Writes running on this node")
                .register(registry);
        Gauge.builder("catalog.writes.queued", writes, WriteTransactions::queued)
                .description("Writes waiting for a group commit to take them")
                .register(registry);
        DistributionSummary groupSize = DistributionSummary.builder("catalog.writes.group.size")
                .description("Writes that shared one transaction and one commit (group commit)")
                .serviceLevelObjectives(1, 2, 4, 8, 16)
                .register(registry);
        writes.observeGroupSizes(groupSize::record);
        for (MinRevisionGate.Refusal refusal : MinRevisionGate.Refusal.values()) {
            FunctionCounter.builder("catalog.min.revision.refused", gate, g -> g.count(refusal))
                    .description("Reads with X-Catalog-Min-Revision that were not served")
                    .tag("reason", refusal.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
        Gauge.builder("catalog.min.revision.waiters", gate, MinRevisionGate::waiting)
                .description("Reads waiting for a revision on this node")
                .register(registry);
        Gauge.builder("catalog.database.up", database, d -> d.downSince() == null ? 1 : 0)
                .description("1 while PostgreSQL answers this node's sync reads, else 0")
                .register(registry);
        FunctionCounter.builder("catalog.database.outages", database, DatabaseWatch::outages)
                .description("Times PostgreSQL stopped answering this node's sync reads")
                .register(registry);
    }
}

package io.toolcatalog.node.catalog;

import io.toolcatalog.core.concurrent.Scheduler;
import io.toolcatalog.core.reload.SyncProperties;
import io.toolcatalog.core.store.ChangeLog;
import io.toolcatalog.node.schedule.PeriodicTask;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prunes the change log past {@code catalog.sync.change-log-retention}, hourly. A node further
 * behind than the retention finds the log no longer covers its gap and reloads everything.
 */
class ChangeLogRetention extends PeriodicTask {

    private static final Logger log = LoggerFactory.getLogger(ChangeLogRetention.class);

    private final ChangeLog changeLog;
    private final SyncProperties sync;
    private final Clock clock;

    ChangeLogRetention(ChangeLog changeLog, Scheduler scheduler, SyncProperties sync, Clock clock) {
        super(scheduler, Duration.ofMinutes(1), Duration.ofMinutes(60));
        this.changeLog = changeLog;
        this.sync = sync;
        this.clock = clock;
    }

    @Override
    protected void runOnce() {
        try {
            int pruned = changeLog.pruneBefore(clock.instant().minus(sync.changeLogRetention()));
            if (pruned > 0) {
                log.info("Pruned {} change log entries older than {}", pruned, sync.changeLogRetention());
            }
        } catch (RuntimeException e) {
            log.warn("Change log pruning failed", e);
        }
    }
}

package io.toolcatalog.node.catalog;

import io.toolcatalog.core.concurrent.Scheduler;
import io.toolcatalog.core.reload.SyncProperties;
import io.toolcatalog.core.store.ChangeLog;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Prunes the change log past {@code catalog.sync.change-log-retention}, hourly. A node further
 * behind than the retention finds the log no longer covers its gap and reloads everything.
 */
class ChangeLogRetention implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChangeLogRetention.class);

    private final ChangeLog changeLog;
    private final Scheduler scheduler;
    private final SyncProperties sync;
    private final Clock clock;
    private Scheduler.Cancellable task;

    ChangeLogRetention(ChangeLog changeLog, Scheduler scheduler, SyncProperties sync, Clock clock) {
        this.changeLog = changeLog;
        this.scheduler = scheduler;
        this.sync = sync;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        task = scheduler.scheduleWithFixedDelay(this::prune, Duration.ofMinutes(1), Duration.ofMinutes(60));
    }

    @Override
    public synchronized void stop() {
        if (task != null) {
            task.cancel();
            task = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return task != null;
    }

    private void prune() {
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

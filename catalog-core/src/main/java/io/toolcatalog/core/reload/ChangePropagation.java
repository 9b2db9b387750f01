package io.toolcatalog.core.reload;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.change.RevisionRows;
import io.toolcatalog.core.cluster.ChangeMessage;
import io.toolcatalog.core.cluster.ReloadBroadcaster;
import io.toolcatalog.core.write.ChangeAnnouncer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces a committed change to the cluster (carrying its rows when known) and applies it on
 * this node: from the rows when this node is at the revision before, else by catching up.
 */
public final class ChangePropagation implements ChangeAnnouncer {

    private static final Logger log = LoggerFactory.getLogger(ChangePropagation.class);

    private final ReloadBroadcaster broadcaster;
    private final CatalogReloader reloader;

    public ChangePropagation(ReloadBroadcaster broadcaster, CatalogReloader reloader) {
        this.broadcaster = broadcaster;
        this.reloader = reloader;
    }

    @Override
    public void committed(CommittedChange change, RevisionRows rows) {
        try {
            broadcaster.catalogChanged(rows == null ? ChangeMessage.of(change) : ChangeMessage.carrying(rows));
        } catch (RuntimeException e) {
            log.warn(
                    "Could not announce revision {} (reload_id {}); the poll will carry it",
                    change.revision(),
                    change.reloadId(),
                    e);
        } finally {
            // whatever the broadcaster threw, this node serves its own write
            if (rows == null) {
                reloader.catchUpTo(change.revision());
            } else {
                reloader.applyOwnCommit(rows);
            }
        }
    }

    @Override
    public void serveAtLeast(long revision) {
        reloader.catchUpTo(revision);
    }
}

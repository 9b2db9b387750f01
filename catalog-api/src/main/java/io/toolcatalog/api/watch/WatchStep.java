package io.toolcatalog.api.watch;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.reload.CatalogReloaded;
import io.toolcatalog.core.reload.CatalogSnapshot;
import io.toolcatalog.core.tool.Tool;
import java.util.HashSet;
import java.util.Set;

/**
 * The one shape a change takes inside the watch stream: from revision {@code from} to {@code to},
 * touching {@code names}, {@code change} the last logged change it includes (may be null). Built
 * from what the node applied, kept in the node's recent steps, and merged into the one event a
 * watcher has not taken yet. A {@code reset} is the whole catalog at {@code to} (a snapshot event):
 * sent first, when the change log no longer covers a start point, and when the node swapped in new
 * content at a revision it already held (a manual reload, a repair).
 */
record WatchStep(long from, long to, Set<String> names, CommittedChange change, boolean reset) {

    WatchStep {
        names = Set.copyOf(names);
    }

    /**
     * What the node applied. A swap that kept the revision is a reset at that revision, over every
     * name whose row differs in any field: a hand edit of the database may keep the version, which
     * is all a reload compares.
     */
    static WatchStep applied(CatalogReloaded reloaded) {
        long from = reloaded.previous().revision();
        long to = reloaded.current().revision();
        if (from != to) {
            return new WatchStep(from, to, reloaded.changedNames(), reloaded.lastChange(), false);
        }
        Set<String> differing = new HashSet<>(reloaded.changedNames());
        CatalogSnapshot before = reloaded.previous();
        for (Tool tool : reloaded.current().tools()) {
            Tool old = before.tool(tool.name()).orElse(null);
            if (old != tool && !tool.equals(old)) {
                differing.add(tool.name());
            }
        }
        for (Tool old : before.tools()) {
            if (reloaded.current().tool(old.name()).isEmpty()) {
                differing.add(old.name());
            }
        }
        return new WatchStep(from, to, differing, null, true);
    }

    static WatchStep resetAt(long revision) {
        return new WatchStep(revision, revision, Set.of(), null, true);
    }

    static WatchStep change(long from, long to, Set<String> names, CommittedChange change) {
        return new WatchStep(from, to, names, change, false);
    }

    /** This event followed by {@code later}: a change over both steps' names, or a reset at the later end. */
    WatchStep then(WatchStep later) {
        if (reset || later.reset) {
            return resetAt(later.to);
        }
        Set<String> union = new HashSet<>(names);
        union.addAll(later.names);
        return new WatchStep(from, later.to, union, later.change != null ? later.change : change, false);
    }

    /** The same step over the names {@code filter} keeps (null keeps every name). */
    WatchStep filtered(Set<String> filter) {
        if (filter == null) {
            return this;
        }
        Set<String> kept = new HashSet<>(names);
        kept.retainAll(filter);
        return kept.size() == names.size() ? this : new WatchStep(from, to, kept, change, reset);
    }

    String type() {
        return reset ? EventRenderer.SNAPSHOT : EventRenderer.CHANGE;
    }
}

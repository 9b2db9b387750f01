package io.toolcatalog.core.reload;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.history.ReloadKind;
import java.util.HashSet;
import java.util.Set;

/**
 * What a node applied: its catalog went from revision {@code from} to {@code to}, and the rows of
 * {@code names} differ between the two. Each reload builds one, in the {@link CatalogReloaded} its
 * handlers are told (which compares the two snapshots); the watch stream keeps the recent ones,
 * merges those a watcher has not taken yet ({@link #then}) and makes its own for a start point
 * ({@link #resetAt}, {@link #change}). It holds no snapshot.
 *
 * @param from the revision the node held before
 * @param to the revision it holds after
 * @param names the names whose rows differ between the two
 * @param lastChange the last logged change it includes; null when it includes none (a sync that
 *     found the database moved without one, a reset)
 * @param reset whether it stands for the whole catalog at {@code to}: new content swapped in at a
 *     revision already held (a manual reload, a repair), or a watcher's snapshot
 * @param kind whether the node re-read the whole catalog or only the names that changed
 * @param trigger why the node reloaded; null when the watch stream made the step itself
 */
public record AppliedChange(
        long from,
        long to,
        Set<String> names,
        CommittedChange lastChange,
        boolean reset,
        ReloadKind kind,
        ReloadTrigger trigger) {

    public AppliedChange {
        names = Set.copyOf(names);
    }

    /** The whole catalog at {@code revision}, as a watcher is sent it. */
    public static AppliedChange resetAt(long revision) {
        return new AppliedChange(revision, revision, Set.of(), null, true, ReloadKind.FULL, null);
    }

    /** A change over {@code names} the watch stream worked out itself (from memory or the change log). */
    public static AppliedChange change(long from, long to, Set<String> names, CommittedChange lastChange) {
        ReloadTrigger trigger = lastChange == null ? null : lastChange.trigger();
        return new AppliedChange(from, to, names, lastChange, false, ReloadKind.PARTIAL, trigger);
    }

    /**
     * This change followed by {@code later}: a change over both changes' names, with the later one's
     * kind and trigger, or a reset at the later end.
     */
    public AppliedChange then(AppliedChange later) {
        if (reset || later.reset) {
            return resetAt(later.to);
        }
        Set<String> union = new HashSet<>(names);
        union.addAll(later.names);
        return later.with(from, union, later.lastChange != null ? later.lastChange : lastChange);
    }

    /** The same change over the names {@code filter} keeps (null keeps every name). */
    public AppliedChange filtered(Set<String> filter) {
        if (filter == null) {
            return this;
        }
        Set<String> kept = new HashSet<>(names);
        kept.retainAll(filter);
        return kept.size() == names.size() ? this : withNames(kept);
    }

    /** The same change over {@code other} names (as a consumer's view sees it). */
    public AppliedChange withNames(Set<String> other) {
        return with(from, other, lastChange);
    }

    /** The one copy of the fields: this change's end, reset, kind and trigger, the rest as given. */
    private AppliedChange with(long start, Set<String> touched, CommittedChange last) {
        return new AppliedChange(start, to, touched, last, reset, kind, trigger);
    }
}

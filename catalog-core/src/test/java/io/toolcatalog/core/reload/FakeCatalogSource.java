package io.toolcatalog.core.reload;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.store.CatalogDelta;
import io.toolcatalog.core.store.CatalogImage;
import io.toolcatalog.core.store.CatalogSource;
import io.toolcatalog.core.store.RevisionDigest;
import io.toolcatalog.core.testing.Tools;
import io.toolcatalog.core.tool.Tool;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** An in-memory database with a change log; the coverage rules of the real reads are not copied here. */
final class FakeCatalogSource implements CatalogSource {

    final Map<String, Tool> tools = new HashMap<>();
    final List<CommittedChange> log = new ArrayList<>();
    long revision;
    int failuresLeft;
    boolean incomplete;
    int readAllCalls;
    int readSinceCalls;
    Runnable onReadSince = () -> {};

    /** Commits a change: bumps the revision, writes the tools, logs it. */
    CommittedChange commit(Instant at, String... namesToWrite) {
        revision++;
        for (String name : namesToWrite) {
            int version = tools.containsKey(name) ? tools.get(name).version() + 1 : 1;
            tools.put(name, Tools.tool(name, version, revision));
        }
        return logChange(at, List.of(namesToWrite));
    }

    CommittedChange delete(Instant at, String name) {
        revision++;
        tools.remove(name);
        return logChange(at, List.of(name));
    }

    private CommittedChange logChange(Instant at, List<String> names) {
        CommittedChange change = new CommittedChange(
                revision,
                names,
                "update",
                ReloadTrigger.API_UPDATE,
                "alice",
                "editor",
                "test",
                UUID.randomUUID(),
                "node-a",
                at);
        log.add(change);
        return change;
    }

    @Override
    public long revision() {
        failIfAsked();
        return revision;
    }

    @Override
    public CatalogImage readAll() {
        readAllCalls++;
        failIfAsked();
        CommittedChange last = log.isEmpty() ? null : log.get(log.size() - 1);
        return new CatalogImage(
                revision, List.copyOf(tools.values()), last != null && last.revision() == revision ? last : null);
    }

    /**
     * The logged changes after {@code applied} and the rows of the names they touched. Whether such
     * a delta is complete is PostgreSQL's rule (tested in CatalogReadsIT); here a test decides it
     * with {@link #incomplete}, and {@code maxNames} is ignored.
     */
    @Override
    public CatalogDelta readSince(long applied, int maxNames, Collection<String> alsoReread) {
        readSinceCalls++;
        onReadSince.run();
        failIfAsked();
        List<CommittedChange> changes = log.stream()
                .filter(c -> c.revision() > applied && c.revision() <= revision)
                .toList();
        CommittedChange last = changes.isEmpty() ? null : changes.get(changes.size() - 1);
        if (incomplete) {
            return new CatalogDelta(revision, false, List.of(), Set.of(), last);
        }
        Set<String> names = new LinkedHashSet<>(alsoReread);
        changes.forEach(c -> names.addAll(c.toolNames()));
        List<Tool> changed = new ArrayList<>();
        Set<String> removed = new HashSet<>();
        for (String name : names) {
            if (tools.containsKey(name)) {
                changed.add(tools.get(name));
            } else {
                removed.add(name);
            }
        }
        return new CatalogDelta(revision, true, changed, removed, last);
    }

    @Override
    public RevisionDigest digest() {
        failIfAsked();
        return new RevisionDigest(
                revision, CatalogSnapshot.of(revision, tools.values()).digest());
    }

    private void failIfAsked() {
        if (failuresLeft > 0) {
            failuresLeft--;
            throw new IllegalStateException("database unreachable");
        }
    }
}

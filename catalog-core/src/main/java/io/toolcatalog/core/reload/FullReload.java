package io.toolcatalog.core.reload;

import io.toolcatalog.core.cohort.ActiveRollout;
import io.toolcatalog.core.tool.ProfileSchemas;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.tool.ToolDigest;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a full reload read, made into the next snapshot in one pass against the one served until
 * now: every row is made readable first (its profiles parsed, or the served row's parse reused when
 * the text is the same, which settles the text for the digest too: it is compared once), the names
 * present in only one of the two or at different versions are listed ({@link
 * CatalogSnapshot#differencesFrom}'s rule), and the digest is the served one with
 * only the rows whose document differs taken out and put back in. An unchanged row's {@link
 * ToolDigest#entry} (an MD5 over its whole document, a fifth to a third of a full reload when computed
 * for every row) is not computed again: taking it out and putting it back would change nothing, so
 * the digest is exactly the one computed from scratch.
 */
record FullReload(CatalogSnapshot next, Set<String> changedNames) {

    static FullReload of(
            CatalogSnapshot served,
            long revision,
            Collection<Tool> tools,
            ProfileSchemas schemas,
            List<ActiveRollout> rollouts) {
        Map<String, Tool> byName = new HashMap<>(tools.size() * 4 / 3 + 1);
        Set<String> changed = new HashSet<>();
        long digest = served.digestBits();
        int kept = 0;
        for (Tool tool : tools) {
            Tool earlier = served.find(tool.name());
            boolean sameProfilesText = SnapshotLoads.requireReadable(tool, earlier);
            Tool replaced = byName.put(tool.name(), tool);
            Tool counted = replaced != null ? replaced : earlier; // whose entry the digest holds for this name
            if (counted == null) {
                digest ^= ToolDigest.entry(tool);
            } else if (!ToolDigest.sameDocument(counted, tool, counted == earlier && sameProfilesText)) {
                digest ^= ToolDigest.entry(counted) ^ ToolDigest.entry(tool);
            }
            if (replaced != null) {
                changed.remove(tool.name()); // the last row of a name is the one compared
            } else if (earlier != null) {
                kept++;
            }
            if (earlier == null || earlier.version() != tool.version()) {
                changed.add(tool.name());
            }
        }
        long[] withoutRemoved = {digest};
        if (kept < served.size()) { // some served names were not read again: they are gone
            served.forEachTool(gone -> {
                if (!byName.containsKey(gone.name())) {
                    changed.add(gone.name());
                    withoutRemoved[0] ^= ToolDigest.entry(gone);
                }
            });
        }
        CatalogSnapshot next =
                new CatalogSnapshot(revision, byName, Map.of(), byName.size(), withoutRemoved[0], schemas, rollouts);
        return new FullReload(next, changed);
    }
}

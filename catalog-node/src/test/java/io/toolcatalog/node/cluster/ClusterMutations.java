package io.toolcatalog.node.cluster;

import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.tool.Profile;
import io.toolcatalog.core.tool.ToolDraft;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.core.write.ImportMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A stream of mutations through one node's editor, over tool names of its own (so writers on
 * several nodes never conflict): creates, updates, toggles, deletes and bulk imports.
 */
final class ClusterMutations {

    private static final Actor ACTOR = Actor.of("cluster-it");

    private final CatalogEditor editor;
    private final String prefix;
    private final Random random;
    private final List<String> live = new ArrayList<>();
    private int created;
    private int done;

    ClusterMutations(CatalogEditor editor, String prefix, long seed) {
        this.editor = editor;
        this.prefix = prefix;
        this.random = new Random(seed);
    }

    static ToolDraft draft(String name, String description) {
        return new ToolDraft(
                name,
                description,
                "search",
                List.of("it"),
                true,
                Map.of("default", new Profile(5000, 2, 0.2, 0.5, 0.3, Map.of("flags", "-n"))),
                "cluster-it");
    }

    /** One mutation; returns the catalog revision after it. */
    long next() {
        done++;
        if (done % 25 == 0) {
            List<ToolDraft> drafts = List.of(
                    draft(prefix + "-imp-" + done % 6, "imported " + done),
                    draft(prefix + "-imp-" + (done + 1) % 6, "imported " + done),
                    draft(prefix + "-imp-" + (done + 2) % 6, "imported " + done));
            return editor.importTools(drafts, ImportMode.MERGE, false, ACTOR).revision();
        }
        int choice = random.nextInt(10);
        if (live.size() < 5 || choice < 3) {
            String name = prefix + "-" + created++;
            live.add(name);
            return editor.create(draft(name, "created " + done), ACTOR).revision();
        }
        String name = live.get(random.nextInt(live.size()));
        if (choice < 7) {
            ToolDraft patch = new ToolDraft(null, "updated " + done, null, null, null, null, "cluster-it");
            return editor.update(name, patch, null, ACTOR).revision();
        }
        if (choice < 9) {
            live.remove(name);
            return editor.delete(name, null, ACTOR);
        }
        return editor.setEnabled(name, random.nextBoolean(), null, ACTOR).revision();
    }
}

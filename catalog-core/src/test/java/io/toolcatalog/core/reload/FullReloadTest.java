package io.toolcatalog.core.reload;

import static io.toolcatalog.core.testing.Tools.tool;
import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.cluster.NodeIdentity;
import io.toolcatalog.core.cluster.ReloadRequest;
import io.toolcatalog.core.history.ReloadEvent;
import io.toolcatalog.core.testing.Tools;
import io.toolcatalog.core.tool.Profile;
import io.toolcatalog.core.tool.ProfileSchemas;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.tool.ToolDigest;
import io.toolcatalog.core.tool.ToolJson;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * A full reload builds its snapshot against the one served: what is unchanged (same document,
 * same stored profiles text) is neither parsed nor hashed again, and the result is exactly what a
 * snapshot built from scratch would be.
 */
class FullReloadTest {

    private static final Instant NOW = Instant.parse("2026-12-02T05:00:00Z");
    private static final ToolJson JSON = new ToolJson();

    private final FakeCatalogSource db = new FakeCatalogSource();
    private final CatalogReloader reloader = new CatalogReloader(
            db,
            List.of(),
            List.of(),
            new NodeIdentity("node-a", "http://a", NOW),
            SyncProperties.defaults(),
            Clock.fixed(NOW, ZoneOffset.UTC),
            Runnable::run,
            d -> {});

    private ReloadEvent reloadAll() {
        return reloader.reload(ReloadRequest.of(ReloadTrigger.MANUAL, "node-a", "test"));
    }

    @Nested
    class DigestEntries {

        @Test
        void anUnchangedRowIsNotHashedAgain() {
            Counted counted = new Counted();
            db.commit(NOW, "find");
            db.tools.put("grep", withParameter(tool("grep", 1, 1), counted));
            reloadAll();
            int hashed = counted.reads.get();
            assertThat(hashed).isPositive();

            reloadAll();
            reloadAll();

            assertThat(counted.reads).hasValue(hashed);
            assertThat(reloader.snapshot().digest()).isEqualTo(scratchDigest());
        }

        @Test
        void aRowChangedUnderTheSameVersionIsHashedAgain() {
            db.commit(NOW, "grep", "find");
            reloadAll();
            String before = reloader.snapshot().digest();
            Tool grep = db.tools.get("grep");
            db.tools.put("grep", copy(grep, "edited by hand", grep.profiles()));

            ReloadEvent event = reloadAll();

            assertThat(event.success()).isTrue();
            assertThat(reloader.snapshot().digest()).isNotEqualTo(before).isEqualTo(scratchDigest());
        }

        @Test
        void addedAndRemovedRowsCountAsFromScratch() {
            db.commit(NOW, "grep", "find", "sed");
            reloadAll();
            db.delete(NOW, "find");
            db.commit(NOW, "awk", "grep");

            ReloadEvent event = reloadAll();

            assertThat(event.toolsChanged()).isEqualTo(3);
            assertThat(reloader.snapshot().digest()).isEqualTo(scratchDigest());
        }

        private String scratchDigest() {
            long digest = 0;
            for (Tool t : db.tools.values()) {
                digest ^= ToolDigest.entry(t);
            }
            return ToolDigest.format(digest);
        }
    }

    @Nested
    class StoredProfilesText {

        private static final String TEXT = "{\"default\": {\"timeout_ms\": 5}}";

        @Test
        void anUnchangedTextIsNotParsedAgain() {
            db.commit(NOW, "grep");
            db.tools.put("grep", copy(db.tools.get("grep"), "grep", JSON.storedProfiles(TEXT)));
            reloadAll();
            Profile parsed =
                    reloader.snapshot().tool("grep").orElseThrow().profiles().get("default");

            for (int i = 0; i < 3; i++) {
                db.tools.put("grep", copy(db.tools.get("grep"), "grep", JSON.storedProfiles(TEXT)));
                reloadAll();
            }

            assertThat(reloader.snapshot().tool("grep").orElseThrow().profiles().get("default"))
                    .isSameAs(parsed);
        }

        @Test
        void aChangedTextIsParsedAgain() {
            db.commit(NOW, "grep");
            db.tools.put("grep", copy(db.tools.get("grep"), "grep", JSON.storedProfiles(TEXT)));
            reloadAll();

            db.tools.put("grep", copy(db.tools.get("grep"), "grep", JSON.storedProfiles(TEXT.replace("5", "7"))));
            reloadAll();

            assertThat(reloader.snapshot()
                            .tool("grep")
                            .orElseThrow()
                            .profiles()
                            .get("default")
                            .timeoutMs())
                    .isEqualTo(7);
        }

        @Test
        void anUnreadableTextFailsTheReloadBeforeTheSwap() {
            db.commit(NOW, "grep", "find");
            db.tools.put("grep", copy(db.tools.get("grep"), "grep", JSON.storedProfiles(TEXT)));
            reloadAll();
            CatalogSnapshot good = reloader.snapshot();

            db.tools.put("grep", copy(db.tools.get("grep"), "grep", JSON.storedProfiles("{\"default\": 5}")));
            db.tools.put("find", tool("find", 2, 1));
            ReloadEvent event = reloadAll();

            assertThat(event.success()).isFalse();
            assertThat(event.errorMessage()).contains("'grep'");
            assertThat(reloader.snapshot()).isSameAs(good);
        }
    }

    /**
     * Full reloads through random edits (new, removed, changed rows, and content changed under the
     * same version) give the snapshot, digest and changed names of a snapshot built from scratch.
     */
    @Test
    void equalsTheSnapshotBuiltFromScratch() {
        throughRandomEdits(new Random(7), false);
    }

    /**
     * The same with profiles as stored text, edited by hand too, every row a new copy at each reload
     * as the database returns it: where the served parse is reused the text is not compared again,
     * and the digest is still the one built from scratch.
     */
    @Test
    void equalsTheSnapshotBuiltFromScratchWhenProfilesAreStoredText() {
        throughRandomEdits(new Random(11), true);
    }

    private static void throughRandomEdits(Random random, boolean storedText) {
        Map<String, Tool> rows = new HashMap<>();
        Map<String, String> texts = new HashMap<>();
        CatalogSnapshot served = CatalogSnapshot.empty();
        for (long revision = 1; revision < 200; revision++) {
            for (int k = 0; k < 1 + random.nextInt(6); k++) {
                String name = "t" + random.nextInt(40);
                Tool row = rows.get(name);
                switch (random.nextInt(storedText ? 5 : 4)) {
                    case 0 -> rows.remove(name);
                    case 1 ->
                        rows.put(
                                name,
                                row == null ? tool(name, 1, revision) : copy(row, "hand edit " + k, row.profiles()));
                    case 4 -> texts.put(name, "{\"default\": {\"timeout_ms\": " + random.nextInt(3) + "}}");
                    default -> rows.put(name, tool(name, row == null ? 1 : row.version() + 1, revision));
                }
            }
            List<Tool> read = new ArrayList<>();
            rows.forEach((name, row) -> read.add(
                    storedText
                            ? copy(row, row.description(), JSON.storedProfiles(texts.getOrDefault(name, "{}")))
                            : row));
            FullReload reloaded = FullReload.of(served, revision, read, ProfileSchemas.none(), List.of());
            CatalogSnapshot scratch = CatalogSnapshot.empty().apply(revision, read, List.of());

            assertThat(reloaded.next().digest()).isEqualTo(scratch.digest());
            assertThat(reloaded.next().tools()).isEqualTo(scratch.tools());
            assertThat(reloaded.changedNames()).isEqualTo(scratch.differencesFrom(served));
            served = reloaded.next();
        }
    }

    @Test
    void aNameReadTwiceCountsItsLastRow() {
        CatalogSnapshot served = CatalogSnapshot.of(1, List.of(tool("a", 1, 1), tool("c", 1, 1)));

        FullReload reloaded = FullReload.of(
                served,
                3,
                List.of(tool("a", 1, 1), tool("a", 3, 3), tool("b", 2, 2), tool("b", 1, 1), tool("c", 1, 1)),
                ProfileSchemas.none(),
                List.of());

        CatalogSnapshot scratch =
                CatalogSnapshot.empty().apply(3, List.of(tool("a", 3, 3), tool("b", 1, 1), tool("c", 1, 1)), List.of());
        assertThat(reloaded.next().tools()).isEqualTo(scratch.tools());
        assertThat(reloaded.next().digest()).isEqualTo(scratch.digest());
        assertThat(reloaded.changedNames()).containsExactlyInAnyOrder("a", "b");
    }

    private static Tool withParameter(Tool tool, Object value) {
        Profile profile = new Profile(1000, 1, 0.1, 0.2, 0.7, Map.of("counted", value));
        return copy(tool, tool.description(), Map.of("default", profile));
    }

    private static Tool copy(Tool tool, String description, Map<String, Profile> profiles) {
        return Tools.from(tool).description(description).profiles(profiles).build();
    }

    /** A profile parameter that counts how often it is written: once per digest entry computed. */
    public static final class Counted {

        private final AtomicInteger reads = new AtomicInteger();

        public int getValue() {
            reads.incrementAndGet();
            return 1;
        }
    }
}

package io.toolcatalog.node.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.cluster.ReloadRequest;
import io.toolcatalog.core.history.ReloadEvent;
import io.toolcatalog.core.store.ToolStore;
import io.toolcatalog.core.testing.ToolDrafts;
import io.toolcatalog.core.tool.Tool;
import java.sql.Array;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Tags are read as the text PostgreSQL prints for a {@code text[]} and split by the node, not by
 * the driver: whatever a hand edit put in them comes back exactly, and what no list of tags can be
 * (a NULL element, a second dimension) is refused before a reload swaps it in.
 */
class ToolTagsIT extends CatalogNodeContext {

    /** What PostgreSQL quotes or escapes, and what looks like its syntax. */
    private static final List<String> NASTY = List.of(
            "",
            " ",
            "NULL",
            "null",
            "NuLl",
            "NULLx",
            "a,b",
            "{x}",
            "{",
            "}",
            "\"",
            "\\",
            "\\\"",
            "say \"hi\"",
            "back\\slash\\",
            " lead",
            "trail\t",
            "two\nlines",
            "\r\u000b\f",
            "[0:1]={a}",
            "é ü 漢字 😀",
            "\u00a0nbsp",
            "'quote'",
            "=,:");

    private static final int[] CHARS =
            "{},\"\\ \t\nNULnul[]=:'aé😀\u00a0".codePoints().toArray();

    @Autowired
    ToolStore tools;

    @Test
    void nastyTagsReadBackExactlyAndAsTheDriverReadsThem() {
        Map<String, List<String>> written = new LinkedHashMap<>();
        String prefix = "tags-" + System.nanoTime() + "-";
        written.put(prefix + "none", List.of());
        written.put(prefix + "all", NASTY);
        for (int i = 0; i < NASTY.size(); i++) {
            written.put(prefix + "one-" + i, List.of(NASTY.get(i)));
        }
        Random random = new Random(19);
        for (int i = 0; i < 300; i++) {
            written.put(prefix + "random-" + i, randomTags(random));
        }
        try {
            for (Map.Entry<String, List<String>> row : written.entrySet()) {
                insert(row.getKey(), row.getValue());
            }

            Map<String, List<String>> read = new HashMap<>();
            tools.findNamed(written.keySet()).forEach(t -> read.put(t.name(), t.tags()));
            Map<String, List<String>> byDriver = new HashMap<>();
            jdbc.query(
                    "SELECT name, tags FROM tools WHERE name LIKE ?",
                    rs -> {
                        byDriver.put(rs.getString(1), Arrays.asList((String[])
                                rs.getArray(2).getArray()));
                    },
                    prefix + "%");

            assertThat(read).isEqualTo(written).isEqualTo(byDriver);
        } finally {
            jdbc.update("DELETE FROM tools WHERE name LIKE ?", prefix + "%");
        }
    }

    @Test
    void boundsOtherThanOneAreDroppedAsTheDriverDropsThem() {
        String name = "tags-bounds-" + System.nanoTime();
        insert(name, List.of());
        try {
            jdbc.update("UPDATE tools SET tags = '[0:2]={a,\"b c\",NULLx}'::text[] WHERE name = ?", name);

            assertThat(tools.find(name)).get().extracting(Tool::tags).isEqualTo(List.of("a", "b c", "NULLx"));
        } finally {
            jdbc.update("DELETE FROM tools WHERE name = ?", name);
        }
    }

    @Test
    void aNullTagOrASecondDimensionFailsTheReloadAndTheLastGoodTagsStayServed() {
        String name = "tags-refused-" + System.nanoTime();
        editor.create(ToolDrafts.tool(name, "good").tags("ok").build(), ALICE);
        try {
            for (String bad : List.of("ARRAY['ok', NULL]", "'{{a,b},{c,d}}'::text[]", "'[0:0][1:1]={{a}}'::text[]")) {
                jdbc.update("UPDATE tools SET tags = " + bad + " WHERE name = ?", name);

                assertThatThrownBy(() -> tools.find(name))
                        .as(bad)
                        .isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("not a one-dimensional text array");
                ReloadEvent event = reloader.reload(ReloadRequest.of(ReloadTrigger.MANUAL, "it", "bad tags " + bad));
                assertThat(event.success()).as(bad).isFalse();
                assertThat(reloader.snapshot().tool(name))
                        .get()
                        .extracting(Tool::tags)
                        .isEqualTo(List.of("ok"));
            }
        } finally {
            jdbc.update("DELETE FROM tools WHERE name = ?", name);
            reloader.reload(ReloadRequest.of(ReloadTrigger.MANUAL, "it", "bad tags removed"));
        }
    }

    private void insert(String name, List<String> tags) {
        jdbc.update(
                "INSERT INTO tools (name, tags, version, revision, created_at, created_by, updated_at, updated_by)"
                        + " VALUES (?, ?, 1, 0, now(), 'it', now(), 'it')",
                ps -> {
                    Array array = ps.getConnection().createArrayOf("text", tags.toArray());
                    ps.setString(1, name);
                    ps.setArray(2, array);
                });
    }

    private static List<String> randomTags(Random random) {
        List<String> tags = new ArrayList<>();
        int count = random.nextInt(6);
        for (int i = 0; i < count; i++) {
            if (random.nextInt(5) == 0) {
                tags.add(NASTY.get(random.nextInt(NASTY.size())));
                continue;
            }
            StringBuilder tag = new StringBuilder();
            int length = random.nextInt(7);
            for (int k = 0; k < length; k++) {
                tag.appendCodePoint(CHARS[random.nextInt(CHARS.length)]);
            }
            tags.add(tag.toString());
        }
        return tags;
    }
}

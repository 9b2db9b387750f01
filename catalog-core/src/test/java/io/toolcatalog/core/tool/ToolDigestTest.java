package io.toolcatalog.core.tool;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.core.testing.Tools;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class ToolDigestTest {

    private static final ToolJson JSON = new ToolJson();
    private static final String TEXT = "{\"default\": {\"timeout_ms\": 5}}";
    private static final Instant T0 = Instant.parse("2026-12-02T05:00:00Z");

    private static Tool row(UnaryOperator<Object[]> edit) {
        Object[] f = {"grep", "Search", "search", List.of("text"), true, JSON.storedProfiles(TEXT), 2, 7L};
        f = edit.apply(f);
        @SuppressWarnings("unchecked")
        Tool tool = Tools.named((String) f[0])
                .description((String) f[1])
                .category((String) f[2])
                .tags((List<String>) f[3])
                .enabled((Boolean) f[4])
                .profiles((Map<String, Profile>) f[5])
                .version((Integer) f[6])
                .revision((Long) f[7])
                .created(T0, "a")
                .updated(T0, "a")
                .build();
        return tool;
    }

    private static UnaryOperator<Object[]> set(int field, Object value) {
        return f -> {
            f[field] = value;
            return f;
        };
    }

    @Test
    void rowsReadTwiceWithTheSameTextHaveTheSameDocument() {
        Tool first = row(f -> f);
        Tool again = row(f -> f);

        assertThat(first.profiles()).isNotSameAs(again.profiles());
        assertThat(ToolDigest.sameDocument(first, again)).isTrue();
        assertThat(ToolDigest.entry(first)).isEqualTo(ToolDigest.entry(again));
    }

    @Test
    void auditFieldsAndSchemasAreNotPartOfTheDocument() {
        Tool first = row(f -> f);
        Tool later = Tools.from(first)
                .created(T0.plusSeconds(1), "b")
                .updated(T0.plusSeconds(1), "b")
                .build();

        assertThat(ToolDigest.sameDocument(first, later)).isTrue();
        assertThat(ToolDigest.entry(first)).isEqualTo(ToolDigest.entry(later));
    }

    @Test
    void anyFieldOfTheDocumentMakesItAnother() {
        Tool first = row(f -> f);
        List<Tool> others = List.of(
                row(set(0, "egrep")),
                row(set(1, "Search text")),
                row(set(1, null)),
                row(set(2, "find")),
                row(set(2, null)),
                row(set(3, List.of("text", "regex"))),
                row(set(4, false)),
                row(set(5, JSON.storedProfiles(TEXT.replace("5", "6")))),
                row(set(6, 3)),
                row(set(7, 8L)));

        for (Tool other : others) {
            assertThat(ToolDigest.sameDocument(first, other))
                    .as(other.toString())
                    .isFalse();
            assertThat(ToolDigest.entry(first)).as(other.toString()).isNotEqualTo(ToolDigest.entry(other));
        }
    }

    @Test
    void aProfilesTextKnownToBeTheSameIsNotComparedAgain() {
        Tool first = row(f -> f);
        Tool otherText = row(set(5, JSON.storedProfiles(TEXT.replace("5", "6"))));

        assertThat(ToolDigest.sameDocument(first, otherText, false)).isFalse();
        assertThat(ToolDigest.sameDocument(first, otherText, true))
                .as("the caller's word is taken")
                .isTrue();
        assertThat(ToolDigest.sameDocument(first, row(set(1, "Search text")), true))
                .isFalse();
    }

    @Test
    void profilesHeldAsMapsAreNotComparedByContent() {
        Map<String, Profile> parsed = Map.of("default", new Profile(5, null, null, null, null, null));

        assertThat(ToolDigest.sameDocument(row(set(5, parsed)), row(set(5, parsed))))
                .isFalse();
    }
}

package io.toolcatalog.core.reload;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.history.ReloadKind;
import io.toolcatalog.core.testing.Tools;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AppliedChangeTest {

    private static final CatalogSnapshot HELD =
            CatalogSnapshot.of(3, List.of(Tools.tool("a", 1, 1), Tools.tool("b", 1, 2), Tools.tool("c", 1, 3)));

    private static CommittedChange change(long revision) {
        return new CommittedChange(
                revision,
                List.of("a"),
                "update",
                ReloadTrigger.API_UPDATE,
                "t",
                "p",
                null,
                UUID.randomUUID(),
                "node-a",
                Instant.parse("2026-01-01T00:00:00Z"));
    }

    @Nested
    class BuiltFromAReload {

        @Test
        void aSwapThatMovedTheRevisionNamesWhatTheReloadChanged() {
            CatalogSnapshot next = HELD.apply(4, List.of(Tools.tool("a", 2, 4)), List.of());
            CommittedChange last = change(4);

            AppliedChange applied = new CatalogReloaded(
                            HELD, next, Set.of("a"), ReloadKind.PARTIAL, ReloadTrigger.API_UPDATE, last)
                    .applied();

            assertThat(applied.from()).isEqualTo(3);
            assertThat(applied.to()).isEqualTo(4);
            assertThat(applied.names()).containsExactly("a");
            assertThat(applied.reset()).isFalse();
            assertThat(applied.lastChange()).isSameAs(last);
            assertThat(applied.kind()).isEqualTo(ReloadKind.PARTIAL);
            assertThat(applied.trigger()).isEqualTo(ReloadTrigger.API_UPDATE);
        }

        @Test
        void aSwapThatKeptTheRevisionIsAResetOverEveryNameWhoseRowDiffersInAnyField() {
            // "a" edited by hand at the same version, "c" gone, "d" new; "b" untouched
            CatalogSnapshot next = HELD.apply(
                    3, List.of(Tools.tool("a", 1, 1).withEnabled(false), Tools.tool("d", 1, 3)), List.of("c"));

            AppliedChange applied =
                    new CatalogReloaded(HELD, next, Set.of("d"), ReloadKind.FULL, ReloadTrigger.MANUAL).applied();

            assertThat(applied.reset()).isTrue();
            assertThat(applied.from()).isEqualTo(3);
            assertThat(applied.to()).isEqualTo(3);
            assertThat(applied.names()).containsExactlyInAnyOrder("a", "c", "d");
            assertThat(applied.trigger()).isEqualTo(ReloadTrigger.MANUAL);
        }
    }

    @Nested
    class Coalescing {

        @Test
        void twoChangesMergeIntoOneOverBothNamesKeepingTheLastLoggedChange() {
            CommittedChange first = change(2);
            AppliedChange merged =
                    AppliedChange.change(1, 2, Set.of("a"), first).then(AppliedChange.change(2, 3, Set.of("b"), null));

            assertThat(merged.reset()).isFalse();
            assertThat(merged.from()).isEqualTo(1);
            assertThat(merged.to()).isEqualTo(3);
            assertThat(merged.names()).containsExactlyInAnyOrder("a", "b");
            assertThat(merged.lastChange()).isSameAs(first);
        }

        @Test
        void aResetOnEitherSideMakesAResetAtTheLaterEnd() {
            AppliedChange change = AppliedChange.change(1, 2, Set.of("a"), null);

            assertThat(change.then(AppliedChange.resetAt(2))).isEqualTo(AppliedChange.resetAt(2));
            assertThat(AppliedChange.resetAt(1).then(AppliedChange.change(1, 2, Set.of("b"), null)))
                    .isEqualTo(AppliedChange.resetAt(2));
        }

        @Test
        void aFilterKeepsOnlyItsNames() {
            AppliedChange change = AppliedChange.change(1, 2, Set.of("a", "b"), null);

            assertThat(change.filtered(Set.of("b", "z")).names()).containsExactly("b");
            assertThat(change.filtered(null)).isSameAs(change);
        }
    }
}

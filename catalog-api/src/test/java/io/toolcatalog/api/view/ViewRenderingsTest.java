package io.toolcatalog.api.view;

import static io.toolcatalog.core.testing.Tools.tool;
import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.core.cohort.ActiveRollout;
import io.toolcatalog.core.cohort.ConsumerIdentity;
import io.toolcatalog.core.reload.CatalogSnapshot;
import io.toolcatalog.core.reload.ConsumerView;
import io.toolcatalog.core.tool.ProfileSchemas;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ViewRenderingsTest {

    private final AtomicInteger renders = new AtomicInteger();
    private final ViewRenderings<String> renderings = new ViewRenderings<>(4);

    /** A snapshot at {@code revision} with grep at version 1 and a rollout (id 3, 100 %) of grep at version 2. */
    static CatalogSnapshot withRollout(long revision) {
        ActiveRollout rollout = new ActiveRollout(
                3, 7, false, 0, 100, Map.of(), Map.of("grep", tool("grep", 2, revision)), Set.of(), revision);
        return CatalogSnapshot.of(revision, List.of(tool("grep", 1, 1)), ProfileSchemas.none(), List.of(rollout));
    }

    private String render(ConsumerView view) {
        renders.incrementAndGet();
        return view.name() + "@" + view.snapshot().revision() + ":"
                + view.snapshot().tool("grep").orElseThrow().version();
    }

    @Test
    void twoViewsReadInTurnAreEachRenderedOnce() {
        CatalogSnapshot snapshot = withRollout(5);
        ConsumerView stable = snapshot.view(ConsumerIdentity.ANONYMOUS);
        ConsumerView cohort = snapshot.view(new ConsumerIdentity("c1", Map.of()));

        for (int i = 0; i < 10; i++) {
            assertThat(renderings.get(stable, this::render)).isEqualTo("stable@5:1");
            assertThat(renderings.get(cohort, this::render)).isEqualTo("rollout=3@5:2");
        }

        assertThat(renders).hasValue(2);
    }

    @Test
    void aNewRevisionDropsTheOlderViewsAndALateOldReadDoesNotComeBack() {
        CatalogSnapshot older = withRollout(5);
        CatalogSnapshot newer = withRollout(6);
        ConsumerView c1 = newer.view(new ConsumerIdentity("c1", Map.of()));

        String kept = renderings.get(c1, this::render);
        renderings.get(older.view(new ConsumerIdentity("c1", Map.of())), this::render);

        assertThat(renderings.get(c1, this::render)).isSameAs(kept);
        assertThat(renders).hasValue(2);
    }

    @Test
    void theETagNamesTheViewBesideTheRevision() {
        CatalogSnapshot snapshot = withRollout(5);

        assertThat(ViewETag.of(snapshot.stableView())).isEqualTo("\"r5\"");
        assertThat(ViewETag.of(snapshot.view(new ConsumerIdentity("c1", Map.of()))))
                .isEqualTo("\"r5+rollout=3\"");
        assertThat(ViewETag.matches("W/\"r5\", \"r4\"", "\"r5\"")).isTrue();
        assertThat(ViewETag.matches("\"r5+rollout=3\"", "\"r5\"")).isFalse();
    }
}

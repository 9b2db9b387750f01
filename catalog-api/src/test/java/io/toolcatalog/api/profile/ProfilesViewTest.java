package io.toolcatalog.api.profile;

import static io.toolcatalog.core.testing.Tools.tool;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.toolcatalog.core.reload.CatalogSnapshot;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfilesViewTest {

    private final ProfilesView view = new ProfilesView(new ObjectMapper());

    @Test
    void theViewIsTheRequestsOwnSnapshotWithItsRevisionAsETag() {
        CatalogSnapshot older = CatalogSnapshot.of(4, List.of(tool("grep", 1, 4)));
        CatalogSnapshot newer = older.apply(5, List.of(tool("find", 1, 5)), List.of());

        ProfilesView.ProfilesBody first = view.of(newer.stableView());
        ProfilesView.ProfilesBody late = view.of(older.stableView());

        assertThat(first.etag()).isEqualTo("\"r5\"");
        assertThat(new String(first.body(), StandardCharsets.UTF_8)).contains("\"revision\":5", "find");
        assertThat(late.etag()).isEqualTo("\"r4\"");
        assertThat(new String(late.body(), StandardCharsets.UTF_8))
                .contains("\"revision\":4")
                .doesNotContain("find");
    }

    @Test
    void aLateRequestForAnOlderSnapshotDoesNotReplaceTheNewerRendering() {
        CatalogSnapshot older = CatalogSnapshot.of(4, List.of(tool("grep", 1, 4)));
        CatalogSnapshot newer = older.apply(5, List.of(tool("grep", 2, 5)), List.of());

        ProfilesView.ProfilesBody kept = view.of(newer.stableView());
        view.of(older.stableView());

        assertThat(view.of(newer.stableView())).isSameAs(kept);
    }
}

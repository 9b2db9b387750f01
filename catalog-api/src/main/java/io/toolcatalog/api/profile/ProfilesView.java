package io.toolcatalog.api.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.toolcatalog.api.view.ViewETag;
import io.toolcatalog.api.view.ViewRenderings;
import io.toolcatalog.core.reload.CatalogSnapshot;
import io.toolcatalog.core.reload.ConsumerView;
import io.toolcatalog.core.tool.Profile;
import io.toolcatalog.core.tool.Tool;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What pipelines load, {@code GET /profiles}, kept as ready bytes. The view is always made from the
 * snapshot the request took (never from a copy a reload handler updates later), so its body, ETag
 * and revision header agree. It is rendered once per revision and consumer view (stable, or a
 * rollout's cohort): the first read of a new one renders it, under a lock, while concurrent readers
 * wait for that one rendering; the newest revision's views are kept (see {@link ViewRenderings}).
 */
final class ProfilesView {

    /** Views of one revision kept at once: stable and a rollout's cohorts, with room to spare. */
    private static final int MAX_VIEWS = 16;

    private final ObjectMapper json;
    private final ViewRenderings<ProfilesBody> rendered = new ViewRenderings<>(MAX_VIEWS);

    ProfilesView(ObjectMapper json) {
        this.json = json;
    }

    /** The profiles {@code view} sees. */
    ProfilesBody of(ConsumerView view) {
        return rendered.get(view, this::render);
    }

    private ProfilesBody render(ConsumerView view) {
        CatalogSnapshot snapshot = view.snapshot();
        Map<String, Map<String, Profile>> tools = new LinkedHashMap<>();
        for (Tool tool : snapshot.tools()) {
            if (tool.enabled()) {
                tools.put(tool.name(), tool.profiles());
            }
        }
        try {
            byte[] body = json.writeValueAsBytes(new ProfilesResponse(snapshot.revision(), tools));
            return new ProfilesBody(snapshot.revision(), ViewETag.of(view), body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("profiles of revision " + snapshot.revision() + " cannot be written", e);
        }
    }

    /** The body of one revision and view, and its ETag. */
    record ProfilesBody(long revision, String etag, byte[] body) {}
}

package io.toolcatalog.api.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.toolcatalog.core.reload.CatalogSnapshot;
import io.toolcatalog.core.tool.Profile;
import io.toolcatalog.core.tool.Tool;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What pipelines load, {@code GET /profiles}, kept as ready bytes. The view is always made from the
 * snapshot the request took (never from a copy a reload handler updates later), so its body, ETag
 * and revision header agree. The newest rendering is kept: the first read of a new snapshot renders
 * it once, under a lock, while concurrent readers of the same snapshot wait for that one rendering.
 */
final class ProfilesView {

    private final ObjectMapper json;
    private volatile ProfilesBody rendered;

    ProfilesView(ObjectMapper json) {
        this.json = json;
    }

    /** The view of {@code snapshot}. */
    ProfilesBody of(CatalogSnapshot snapshot) {
        ProfilesBody view = rendered;
        if (view != null && view.source() == snapshot) {
            return view;
        }
        synchronized (this) {
            view = rendered;
            if (view != null && view.source() == snapshot) {
                return view;
            }
            ProfilesBody fresh = render(snapshot);
            // a request that took its snapshot just before a swap must not replace the newer view
            if (view == null || fresh.revision() >= view.revision()) {
                rendered = fresh;
            }
            return fresh;
        }
    }

    private ProfilesBody render(CatalogSnapshot snapshot) {
        Map<String, Map<String, Profile>> tools = new LinkedHashMap<>();
        for (Tool tool : snapshot.tools()) {
            if (tool.enabled()) {
                tools.put(tool.name(), tool.profiles());
            }
        }
        try {
            byte[] body = json.writeValueAsBytes(new ProfilesResponse(snapshot.revision(), tools));
            return new ProfilesBody(snapshot, snapshot.revision(), body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("profiles of revision " + snapshot.revision() + " cannot be written", e);
        }
    }

    /** The body of one revision, and the snapshot it was made from. */
    record ProfilesBody(CatalogSnapshot source, long revision, byte[] body) {

        String etag() {
            return "\"r" + revision + "\"";
        }
    }
}

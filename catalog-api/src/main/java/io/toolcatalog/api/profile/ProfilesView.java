package io.toolcatalog.api.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.toolcatalog.core.reload.CatalogReloaded;
import io.toolcatalog.core.reload.CatalogSnapshot;
import io.toolcatalog.core.reload.ReloadHandler;
import io.toolcatalog.core.tool.Profile;
import io.toolcatalog.core.tool.Tool;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What pipelines load, {@code GET /profiles}, kept as ready bytes. A reload only notes the new
 * snapshot (the reload path stays cheap); the first read after it renders the body once, under a
 * lock, while concurrent readers wait for that one rendering instead of each making their own.
 */
final class ProfilesView implements ReloadHandler {

    private final ObjectMapper json;
    private volatile CatalogSnapshot latest = CatalogSnapshot.empty();
    private volatile Rendered rendered;

    ProfilesView(ObjectMapper json) {
        this.json = json;
    }

    @Override
    public void onReload(CatalogReloaded reloaded) {
        latest = reloaded.current();
    }

    @Override
    public String name() {
        return "profiles-view";
    }

    Rendered current() {
        CatalogSnapshot snapshot = latest;
        Rendered view = rendered;
        if (view != null && view.source() == snapshot) {
            return view;
        }
        synchronized (this) {
            snapshot = latest;
            view = rendered;
            if (view == null || view.source() != snapshot) {
                view = render(snapshot);
                rendered = view;
            }
            return view;
        }
    }

    private Rendered render(CatalogSnapshot snapshot) {
        Map<String, Map<String, Profile>> tools = new LinkedHashMap<>();
        for (Tool tool : snapshot.tools()) {
            if (tool.enabled()) {
                tools.put(tool.name(), tool.profiles());
            }
        }
        try {
            byte[] body = json.writeValueAsBytes(new ProfilesResponse(snapshot.revision(), tools));
            return new Rendered(snapshot, snapshot.revision(), body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("profiles of revision " + snapshot.revision() + " cannot be written", e);
        }
    }

    /** The body of one revision, and the snapshot it was made from. */
    record Rendered(CatalogSnapshot source, long revision, byte[] body) {

        String etag() {
            return "\"r" + revision + "\"";
        }
    }
}

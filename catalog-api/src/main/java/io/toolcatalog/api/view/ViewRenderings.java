package io.toolcatalog.api.view;

import io.toolcatalog.core.reload.ConsumerView;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * Renderings of whole views (the profiles, the export), each made once per revision and view and
 * then served as they are. Only the newest revision's are kept, at most {@code maxViews} of them,
 * so two views read in turn never evict each other. A view is a function of the revision and its
 * name, so that pair is the key. Concurrent first reads wait for one rendering; a late read of an
 * older revision is rendered for itself and never replaces the newer ones.
 */
public final class ViewRenderings<T> {

    private final int maxViews;
    private volatile Kept<T> kept = new Kept<>(-1, Map.of());

    public ViewRenderings(int maxViews) {
        this.maxViews = maxViews;
    }

    /** The rendering of {@code view}, made by {@code render} when none is kept. */
    public T get(ConsumerView view, Function<ConsumerView, T> render) {
        long revision = view.snapshot().revision();
        T found = kept.find(revision, view.name());
        if (found != null) {
            return found;
        }
        synchronized (this) {
            Kept<T> now = kept;
            found = now.find(revision, view.name());
            if (found != null) {
                return found;
            }
            T fresh = render.apply(view);
            if (revision > now.revision()) {
                kept = new Kept<>(revision, Map.of(view.name(), fresh));
            } else if (revision == now.revision() && now.byView().size() < maxViews) {
                Map<String, T> more = new HashMap<>(now.byView());
                more.put(view.name(), fresh);
                kept = new Kept<>(revision, Map.copyOf(more));
            }
            return fresh;
        }
    }

    private record Kept<T>(long revision, Map<String, T> byView) {

        T find(long at, String view) {
            return at == revision ? byView.get(view) : null;
        }
    }
}

package io.toolcatalog.api.view;

import io.toolcatalog.core.reload.ConsumerView;

/**
 * The ETag of something rendered from a whole view (a list, the profiles, the export): the
 * revision, and for a view other than stable its name, so two views of one revision never share
 * an ETag: {@code "r42"}, {@code "r42+rollout=3"}, {@code "r42+rollout=3+rollout=5"}.
 */
public final class ViewETag {

    private ViewETag() {}

    public static String of(ConsumerView view) {
        return "\"" + tagOf(view) + "\"";
    }

    /** The ETag of one rendering ({@code kind}, e.g. {@code yaml}) of the view. */
    public static String of(ConsumerView view, String kind) {
        return "\"" + tagOf(view) + "-" + kind + "\"";
    }

    private static String tagOf(ConsumerView view) {
        String revision = "r" + view.snapshot().revision();
        return view.stable() ? revision : revision + "+" + view.name().replace(',', '+');
    }

    /** Whether an {@code If-None-Match} value names {@code etag} (weakly compared, or {@code *}). */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        String strong = etag.startsWith("W/") ? etag.substring(2) : etag;
        for (String tag : ifNoneMatch.split(",")) {
            String value = tag.trim();
            if (value.startsWith("W/")) {
                value = value.substring(2);
            }
            if (value.equals("*") || value.equals(strong)) {
                return true;
            }
        }
        return false;
    }
}

package io.toolcatalog.core.tool;

import io.toolcatalog.core.store.ToolStore;
import java.util.AbstractMap;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A tool's profiles as PostgreSQL returned them ({@code jsonb} as text), parsed on first use. A
 * full reload reads every row, while most profiles are looked at later, once, when a response that
 * shows them is rendered (and kept) — or never; parsing each row's JSON during the reload was about
 * half of its time (catalog-bench's full-reload benchmark). To every reader this is the same
 * unmodifiable, name-ordered map {@link Tool} holds otherwise: equal to it, same hash, same
 * iteration order, so responses and comparisons do not change.
 */
public final class StoredProfiles extends AbstractMap<String, Profile> {

    private final String json;
    private final ToolJson parser;
    private volatile Map<String, Profile> parsed;

    public StoredProfiles(String json, ToolJson parser) {
        this.json = json;
        this.parser = parser;
    }

    /** The JSON as the database returned it: written back unchanged by {@link ToolStore}. */
    String json() {
        return json;
    }

    /**
     * Parses now unless parsed already, reusing {@code earlier}'s parsed map when its text is the
     * same (a row a full reload read again unchanged): throws when the text cannot be read. True
     * only when it reused it, which proves the two texts equal: the caller need not compare them again.
     */
    boolean parseNow(Map<String, Profile> earlier) {
        if (parsed != null) {
            return false;
        }
        if (earlier instanceof StoredProfiles stored && stored.parsed != null && stored.json.equals(json)) {
            parsed = stored.parsed;
            return true;
        }
        parsed();
        return false;
    }

    private Map<String, Profile> parsed() {
        Map<String, Profile> map = parsed;
        if (map == null) {
            // two first readers may both parse: the results are equal and either may stay
            map = Collections.unmodifiableMap(new TreeMap<>(parser.readProfiles(json)));
            parsed = map;
        }
        return map;
    }

    @Override
    public Set<Entry<String, Profile>> entrySet() {
        return parsed().entrySet();
    }

    @Override
    public int size() {
        return parsed().size();
    }

    @Override
    public boolean containsKey(Object key) {
        return parsed().containsKey(key);
    }

    @Override
    public Profile get(Object key) {
        return parsed().get(key);
    }

    /** The same text is the same profiles without parsing either; different text still may be. */
    @Override
    public boolean equals(Object other) {
        if (other instanceof StoredProfiles stored && stored.json.equals(json)) {
            return true;
        }
        return super.equals(other);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}

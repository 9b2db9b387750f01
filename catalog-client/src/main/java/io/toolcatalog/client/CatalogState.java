package io.toolcatalog.client;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The whole catalog at one revision as this consumer sees it, immutable; its profiles view is
 * built once. {@code consumerView} is what the nodes named that view ({@code stable}, {@code
 * rollout=3}), {@code null} while no node named one.
 */
final class CatalogState {

    /** What a client holds before its first state: every tool of its first state is new to it. */
    static final CatalogState EMPTY = of(0, List.of());

    private final long revision;
    private final Map<String, CatalogTool> tools;
    private final String consumerView;
    private final Profiles profiles;
    private final CatalogTools view;

    private CatalogState(long revision, Map<String, CatalogTool> tools, String consumerView) {
        this.revision = revision;
        this.tools = Collections.unmodifiableMap(tools);
        this.consumerView = consumerView;
        Map<String, Map<String, ToolProfile>> enabled = new TreeMap<>();
        tools.values().stream().filter(CatalogTool::enabled).forEach(t -> enabled.put(t.name(), t.profiles()));
        this.profiles = new Profiles(revision, enabled);
        this.view = new CatalogTools(revision, tools);
    }

    static CatalogState of(long revision, Collection<CatalogTool> tools) {
        return of(revision, tools, null);
    }

    static CatalogState of(long revision, Collection<CatalogTool> tools, String consumerView) {
        Map<String, CatalogTool> byName = new TreeMap<>();
        tools.forEach(tool -> byName.put(tool.name(), tool));
        return new CatalogState(revision, byName, consumerView);
    }

    long revision() {
        return revision;
    }

    Collection<CatalogTool> tools() {
        return tools.values();
    }

    Optional<CatalogTool> tool(String name) {
        return Optional.ofNullable(tools.get(name));
    }

    /** The view the nodes named for this state, {@code null} while none did. */
    String consumerView() {
        return consumerView;
    }

    /** This state, named {@code consumerView}. */
    CatalogState withConsumerView(String consumerView) {
        return new CatalogState(revision, new TreeMap<>(tools), consumerView);
    }

    Profiles profiles() {
        return profiles;
    }

    /** Every tool, disabled ones too, as one immutable view. */
    CatalogTools view() {
        return view;
    }

    /**
     * This state with {@code changed} replaced and {@code removed} gone, at {@code newRevision}, in
     * {@code newView} ({@code null}: the view held).
     */
    CatalogState apply(long newRevision, List<CatalogTool> changed, List<String> removed, String newView) {
        Map<String, CatalogTool> next = new TreeMap<>(tools);
        removed.forEach(next::remove);
        changed.forEach(tool -> next.put(tool.name(), tool));
        return new CatalogState(newRevision, next, newView == null ? consumerView : newView);
    }

    /** What a listener is told when {@code next} replaces this state as a whole. */
    CatalogChanged resetTo(CatalogState next) {
        List<CatalogTool> changed = new ArrayList<>();
        for (CatalogTool tool : next.tools()) {
            if (!Objects.equals(tools.get(tool.name()), tool)) {
                changed.add(tool);
            }
        }
        List<String> removed = new ArrayList<>();
        for (String name : tools.keySet()) {
            if (!next.tools.containsKey(name)) {
                removed.add(name);
            }
        }
        return new CatalogChanged(revision, next.revision, changed, removed, true);
    }
}

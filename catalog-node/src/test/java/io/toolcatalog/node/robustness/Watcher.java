package io.toolcatalog.node.robustness;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/** Something that follows the catalog through the whole run and records what it was told. */
interface Watcher extends AutoCloseable {

    String name();

    /** The consumer id it names itself by ({@code X-Catalog-Consumer}), whose view it is shown. */
    default String consumerId() {
        return "checker-" + name();
    }

    /** The tools it asked for; null for every tool. */
    Set<String> filter();

    /** A tool document from the database in the shape this watcher holds tools in. */
    UnaryOperator<JsonNode> shape();

    /** Everything it saw so far, in order. */
    List<WatchEvent> events();

    /** What it holds now; by default what its events add up to. */
    default WatcherState now() {
        return WatcherState.after(events());
    }

    void start();

    @Override
    void close();
}

package io.toolcatalog.client;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What a {@link CatalogClientBuilder} collected; the defaults live in the builder.
 *
 * @param endpoints the nodes' base URIs, tried in turn
 * @param token the bearer token, or {@code null} when reads are open
 * @param cacheFile where the catalog is kept on disk, or {@code null} for none
 * @param consumerId the name the nodes list this client under
 * @param reconcileInterval how often the state is checked against {@code /profiles}
 * @param backoffInitial the first wait before reconnecting after a failure
 * @param backoffMax the longest wait before reconnecting
 * @param connectTimeout how long opening a connection (and getting its headers) may take
 * @param readTimeout how long a stream may stay silent (the nodes send heartbeats) before it is dropped
 * @param startTimeout how long {@code start()} waits for a first state when there is no cache file
 * @param cacheWriteDelay how long after a change the cache file is written (changes in between share the write)
 * @param reportInterval how often the counted outcomes are sent to the nodes
 * @param labels what the client tells the nodes about itself ({@code X-Catalog-Consumer-Labels}), in order
 * @param maxEventChars the longest line or event the watch stream may send, in characters
 * @param listenerBacklog changes a listener may have waiting before they are merged into one
 */
record ClientSettings(
        List<URI> endpoints,
        String token,
        Path cacheFile,
        String consumerId,
        Duration reconcileInterval,
        Duration backoffInitial,
        Duration backoffMax,
        Duration connectTimeout,
        Duration readTimeout,
        Duration startTimeout,
        Duration cacheWriteDelay,
        Duration reportInterval,
        Map<String, String> labels,
        int maxEventChars,
        int listenerBacklog) {}

package io.toolcatalog.client.spring;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the application's {@code CatalogClient} is set up: {@code catalog.client.*}. Only the
 * endpoints are required; without them the starter creates no client.
 *
 * @param endpoints the catalog nodes' base URIs ({@code http://node-1:8080}); the client follows one
 *     and moves to the next when it fails
 * @param token the bearer token sent to the nodes (the reader role is enough); none by default
 * @param cacheFile where the client keeps the catalog on disk, so the application starts even with
 *     every node down; none by default
 * @param consumerId the name the nodes list this client under; by default the application name and
 *     the host name, the same across restarts
 * @param applicationName the first part of the default consumer id; {@code spring.application.name}
 *     by default
 * @param labels what the client tells the nodes about itself, as {@code k=v,k2=v2} (a rollout's
 *     cohort is chosen by them); none by default
 * @param consumerLabels the same as a map ({@code catalog.client.consumer-labels.region=eu}); an
 *     entry here wins over one of {@code labels} with the same key. At most 16 labels in all; a key
 *     is 1 to 63 of {@code a-z 0-9 . _ -}, a value 1 to 63 of {@code A-Z a-z 0-9 . _ -}
 * @param reportInterval how often the outcomes the application reports ({@code
 *     CatalogClient.report}) are sent to the nodes; 10 s by default
 * @param maxStaleness how long the client may go without hearing from a node (an event or a
 *     heartbeat, every 15 s by default) before its health is OUT_OF_SERVICE; unset, the health
 *     stays UP as long as the client serves a catalog
 * @param startTimeout how long the application's start waits for a first snapshot when there is
 *     no cache file to serve from; 30 s by default
 * @param allowInsecure whether the token may be sent over plain {@code http://} to a node that is
 *     not on this machine (anyone on the way can then read it; the client logs a warning); false by
 *     default: a token goes only to {@code https://} endpoints and to loopback addresses
 */
@ConfigurationProperties("catalog.client")
public record CatalogClientProperties(
        List<URI> endpoints,
        String token,
        Path cacheFile,
        String consumerId,
        String applicationName,
        String labels,
        Map<String, String> consumerLabels,
        Duration reportInterval,
        Duration maxStaleness,
        Duration startTimeout,
        boolean allowInsecure) {

    /** Absent endpoints and consumer labels become empty ones. */
    public CatalogClientProperties {
        endpoints = endpoints == null ? List.of() : List.copyOf(endpoints);
        consumerLabels = consumerLabels == null ? Map.of() : Map.copyOf(consumerLabels);
    }

    /**
     * The labels as a map: {@code labels} in the order written, then {@code consumer-labels}.
     *
     * @return the labels, empty when none are set
     * @throws IllegalArgumentException naming {@code catalog.client.labels} when an entry is not {@code k=v}
     */
    public Map<String, String> labelMap() {
        Map<String, String> map = new LinkedHashMap<>();
        if (labels == null || labels.isBlank()) {
            map.putAll(consumerLabels);
            return map;
        }
        for (String entry : labels.split(",")) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException(
                        "catalog.client.labels must read k=v,k2=v2; '" + entry.trim() + "' has no key=value");
            }
            map.put(
                    entry.substring(0, equals).trim(),
                    entry.substring(equals + 1).trim());
        }
        map.putAll(consumerLabels);
        return map;
    }
}

package io.toolcatalog.node.health;

import java.util.Map;

/**
 * Adds details to the {@code catalog} health component without deciding its status: what a
 * dependency that may degrade but never takes the node down (Redis) has to say.
 */
public interface CatalogHealthDetails {

    void contribute(Map<String, Object> details);
}

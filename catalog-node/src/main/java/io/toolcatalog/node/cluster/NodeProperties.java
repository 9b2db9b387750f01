package io.toolcatalog.node.cluster;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * This node ({@code catalog.node.*}).
 *
 * @param id the node's id in history and membership ({@code CATALOG_NODE_ID}); host name and
 *     port when unset
 * @param address the base URL other nodes and operators reach it at; {@code http://host:port}
 *     when unset
 */
@ConfigurationProperties("catalog.node")
public record NodeProperties(String id, String address) {}

/**
 * The Tool Catalog client a pipeline embeds: {@link io.toolcatalog.client.CatalogClient} holds the
 * whole catalog in memory, follows every change through the nodes' watch stream, and keeps a copy
 * on disk so the pipeline starts even with every node down. It needs the JDK, Jackson and SLF4J,
 * nothing else.
 */
package io.toolcatalog.client;

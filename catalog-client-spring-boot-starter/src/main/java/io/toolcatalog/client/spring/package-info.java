/**
 * The Spring Boot starter of the catalog client: a started {@code CatalogClient} bean from
 * {@code catalog.client.*}, each change as a {@link io.toolcatalog.client.spring.CatalogChangedEvent},
 * the {@code catalogClient} health component and the {@code catalog.client.*} meters.
 */
package io.toolcatalog.client.spring;

package io.toolcatalog.core.tool;

/**
 * Where the profile schemas in force come from: the database, read under the writer's lock
 * ({@code store.ProfileSchemaStore}), so a write is checked against the schemas of its revision.
 */
@FunctionalInterface
public interface SchemasInForce {

    ProfileSchemas current();
}

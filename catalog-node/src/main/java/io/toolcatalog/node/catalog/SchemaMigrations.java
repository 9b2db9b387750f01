package io.toolcatalog.node.catalog;

import org.flywaydb.core.Flyway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;

/**
 * Flyway, without making PostgreSQL a start-up dependency: migrations run at start when the
 * database answers; when it does not, the node starts anyway (the API answers 503) and the
 * background loader runs them before its first load.
 */
final class SchemaMigrations implements FlywayMigrationStrategy {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigrations.class);

    private volatile Flyway flyway;
    private volatile boolean done;

    @Override
    public void migrate(Flyway flyway) {
        this.flyway = flyway;
        try {
            ensure();
        } catch (RuntimeException e) {
            log.warn(
                    "Migrations not run at start ({}); they run before the first snapshot is loaded",
                    e.getClass().getSimpleName());
        }
    }

    /** Runs the migrations unless they ran already; throws when the database cannot take them. */
    synchronized void ensure() {
        if (done || flyway == null) {
            return;
        }
        flyway.migrate();
        done = true;
    }
}

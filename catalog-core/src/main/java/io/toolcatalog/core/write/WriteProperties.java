package io.toolcatalog.core.write;

import io.toolcatalog.core.settings.SettingsDefaults;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a node admits and bounds writes ({@code catalog.writes.*}), so writers never take every
 * database connection and never wait unbounded.
 *
 * @param maxConcurrent writes this node runs at once; keep it below the connection pool so reads
 *     that need the database still get a connection. Past it a write answers 503
 * @param admissionWait how long a write may queue for admission before the 503
 * @param lockTimeout longest a write waits for the revision lock (other writers) before giving up
 * @param statementTimeout longest any one statement of a write may run (a large import included)
 * @param outcomeChecks tries to find out, on a fresh connection, whether a write whose connection
 *     died during commit was written
 * @param outcomeCheckBackoff pause between those tries
 * @param maxGroup most writes that share one transaction and one commit (group commit); each keeps
 *     its own revision and outcome. 1 turns grouping off: every write is a transaction of its own;
 *     at most 64 (each write of a group is a PostgreSQL subtransaction)
 */
@ConfigurationProperties("catalog.writes")
public record WriteProperties(
        @DefaultValue("8") int maxConcurrent,
        @DefaultValue("200ms") Duration admissionWait,
        @DefaultValue("5s") Duration lockTimeout,
        @DefaultValue("60s") Duration statementTimeout,
        @DefaultValue("3") int outcomeChecks,
        @DefaultValue("500ms") Duration outcomeCheckBackoff,
        @DefaultValue("16") int maxGroup) {

    /** Every setting at its default: what binding no properties at all gives. */
    public static WriteProperties defaults() {
        return SettingsDefaults.of(WriteProperties.class);
    }
}

package io.toolcatalog.bench;

import java.nio.file.Path;

/**
 * One run's settings.
 *
 * @param quick tiny sizes and short durations: checks the suite works, measures little
 * @param jar the node jar ({@code catalog-node/target/catalog-node.jar})
 * @param results where the report goes ({@code bench/results})
 * @param logs where started processes write their output
 * @param jdbcUrl the PostgreSQL database the in-process benchmarks make their schemas in
 * @param redisUrl the machine's Redis (a key prefix of our own)
 * @param runId names this run's schemas, database and keys, so cleanup finds them
 */
public record BenchSettings(
        boolean quick, Path jar, Path results, Path logs, String jdbcUrl, String redisUrl, String runId) {

    /** The database the cluster benchmarks create and drop. */
    public String clusterDatabase() {
        return "catalog_bench_" + runId;
    }

    /** {@link #jdbcUrl()} pointed at another database of the same server. */
    public String jdbcUrlOf(String database) {
        int slash = jdbcUrl.indexOf('/', "jdbc:postgresql://".length());
        int query = jdbcUrl.indexOf('?', slash);
        return jdbcUrl.substring(0, slash + 1) + database + (query < 0 ? "" : jdbcUrl.substring(query));
    }
}

package io.toolcatalog.api.watch;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The watch stream and its consumers ({@code catalog.watch.*}).
 *
 * @param heartbeat a stream idle this long gets a {@code progress} event
 * @param maxConnections streams and long polls open at once on this node; past it 503
 * @param retryAfter what a 503 past {@code maxConnections} tells the caller to wait
 * @param recentTransitions how many of this node's recent snapshot transitions are kept in memory
 *     to resume a stream without reading the change log
 * @param maxWait the longest a long poll waits, whatever its {@code wait} asks
 * @param defaultWait how long a long poll without {@code wait} waits
 * @param senderThreads threads that write events to every stream (writes never block them)
 * @param consumerTtl a consumer not seen for this long is gone from the consumer list
 * @param consumerReportInterval how often this node writes its consumers' positions to the cluster
 * @param maxBufferedBytes memory one stream may hold of its own (rows the node has replaced while the
 *     stream was still writing them, plus the slice the container holds); past it the stream is
 *     closed and its client resumes from the last whole event
 * @param maxChangeLogSpan the most revisions of the change log one start point may read; a start
 *     further back gets a snapshot, which reads nothing
 * @param databaseConnections connections of the watch stream's own for its few reads of PostgreSQL
 * @param databaseTimeout statement timeout of those reads, and how long a request waits for one
 * @param maxConsumers named consumers the cluster's table holds at most; a new name past it is refused
 * @param maxConsumersPerNode named consumers this node tracks at most; a new name past it is refused
 * @param port when set, this node also serves {@code GET /api/v1/watch} on this port from a
 *     non-blocking server of its own (a few KB of heap per idle stream instead of the servlet
 *     container's buffers); 0 picks a free port; unset (the default) serves it on the main port only
 * @param writeTimeout on the watch port, a stream whose reader took nothing for this long while
 *     events waited is closed (the servlet container's connection timeout does this on the main port)
 */
@ConfigurationProperties("catalog.watch")
public record WatchProperties(
        @DefaultValue("15s") Duration heartbeat,
        @DefaultValue("10000") int maxConnections,
        @DefaultValue("1s") Duration retryAfter,
        @DefaultValue("1024") int recentTransitions,
        @DefaultValue("60s") Duration maxWait,
        @DefaultValue("30s") Duration defaultWait,
        @DefaultValue("2") int senderThreads,
        @DefaultValue("30s") Duration consumerTtl,
        @DefaultValue("1s") Duration consumerReportInterval,
        @DefaultValue("1MB") DataSize maxBufferedBytes,
        @DefaultValue("10000") long maxChangeLogSpan,
        @DefaultValue("2") int databaseConnections,
        @DefaultValue("2s") Duration databaseTimeout,
        @DefaultValue("10000") int maxConsumers,
        @DefaultValue("1000") int maxConsumersPerNode,
        Integer port,
        @DefaultValue("30s") Duration writeTimeout) {}

package io.toolcatalog.client;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Collects a client's settings. Every setting but the endpoints has a default; durations must
 * be positive.
 */
public final class CatalogClientBuilder {

    private List<URI> endpoints = List.of();
    private String token;
    private Path cacheFile;
    private String consumerId;
    private String applicationName;
    private Map<String, String> labels = Map.of();
    private Duration reconcileInterval = Duration.ofMinutes(5);
    private Duration backoffInitial = Duration.ofMillis(100);
    private Duration backoffMax = Duration.ofSeconds(10);
    private Duration connectTimeout = Duration.ofSeconds(2);
    private Duration readTimeout = Duration.ofSeconds(45);
    private Duration startTimeout = Duration.ofSeconds(30);
    private Duration cacheWriteDelay = Duration.ofMillis(200);
    private Duration reportInterval = Duration.ofSeconds(10);
    private boolean allowInsecure;
    private int maxEventChars = SseReader.DEFAULT_MAX_EVENT_CHARS;
    private int listenerBacklog = Listeners.DEFAULT_BACKLOG;

    CatalogClientBuilder() {}

    /**
     * The nodes to follow, by base URI ({@code http://node-1:8080}); the client streams from
     * one and moves to the next when it fails. Required.
     *
     * @param endpoints one or more base URIs
     * @return this builder
     */
    public CatalogClientBuilder endpoints(URI... endpoints) {
        this.endpoints = List.of(endpoints);
        return this;
    }

    /**
     * The bearer token sent to the nodes; none by default (reads are open unless a node says otherwise).
     *
     * @param token a token with the reader role or above
     * @return this builder
     */
    public CatalogClientBuilder token(String token) {
        this.token = token;
        return this;
    }

    /**
     * Where the client keeps the catalog on disk; none by default. With one, {@link
     * CatalogClient#start()} serves from it at once, even with every node down.
     *
     * @param cacheFile the file (its directory is created when missing)
     * @return this builder
     */
    public CatalogClientBuilder cacheFile(Path cacheFile) {
        this.cacheFile = cacheFile;
        return this;
    }

    /**
     * The name the nodes list this client under (sent as {@code X-Catalog-Consumer}); by default
     * {@code <application name>-<host name>}, the same across restarts (see {@link
     * #applicationName(String)}). A rollout picks its share of consumers by this id, so a consumer
     * keeps the view it was given as long as its id stays the same. Letters, digits, {@code .},
     * {@code _}, {@code :}, {@code @}, {@code /} and {@code -}, at most 128.
     *
     * @param consumerId the name
     * @return this builder
     * @throws IllegalArgumentException if the id holds another character or is empty or too long
     */
    public CatalogClientBuilder consumerId(String consumerId) {
        this.consumerId = ConsumerIds.checkedId(Objects.requireNonNull(consumerId, "consumerId"));
        return this;
    }

    /**
     * The name of the application embedding the client, the first part of the default consumer
     * id; by default the main class's simple name (or the jar's name), {@code java} when the JVM
     * does not say. Characters a consumer id may not hold become {@code -}.
     *
     * @param applicationName the name, e.g. {@code ranking-pipeline}
     * @return this builder
     */
    public CatalogClientBuilder applicationName(String applicationName) {
        this.applicationName = Objects.requireNonNull(applicationName, "applicationName");
        return this;
    }

    /**
     * What the client tells the nodes about itself, sent on every request as {@code
     * X-Catalog-Consumer-Labels: k=v,k2=v2} with the keys sorted (a rollout's cohort is chosen by
     * them); none by default. At most 16 labels; a key is 1 to 63 lower-case letters, digits,
     * {@code .}, {@code _} and {@code -}; a value 1 to 63 letters, digits, {@code .}, {@code _} and
     * {@code -}.
     *
     * @param labels the labels
     * @return this builder
     * @throws IllegalArgumentException naming the label that breaks these rules (or when there are too many)
     */
    public CatalogClientBuilder labels(Map<String, String> labels) {
        this.labels = ConsumerIds.checkedLabels(labels);
        return this;
    }

    /**
     * How often the client checks its state against the node's {@code /profiles}; 5 minutes by default.
     *
     * @param interval the interval
     * @return this builder
     */
    public CatalogClientBuilder reconcileInterval(Duration interval) {
        this.reconcileInterval = positive(interval, "reconcileInterval");
        return this;
    }

    /**
     * How often the outcomes counted by {@link CatalogClient#report(String, CatalogClient.Outcome)}
     * are sent to the nodes; 10 s by default. An apply failure is sent at once, and what is left
     * is sent at {@link CatalogClient#close()}.
     *
     * @param interval the interval
     * @return this builder
     */
    public CatalogClientBuilder reportInterval(Duration interval) {
        this.reportInterval = positive(interval, "reportInterval");
        return this;
    }

    /**
     * The wait before reconnecting after a failure: it starts at {@code initial} and doubles
     * with each failure in a row up to {@code max}, each wait drawn at random between half and
     * all of that; 100 ms and 10 s by default.
     *
     * @param initial the first wait
     * @param max the longest wait
     * @return this builder
     */
    public CatalogClientBuilder backoff(Duration initial, Duration max) {
        this.backoffInitial = positive(initial, "backoff initial");
        this.backoffMax = positive(max, "backoff max");
        return this;
    }

    /**
     * How long connecting to a node may take; 2 s by default.
     *
     * @param timeout the timeout
     * @return this builder
     */
    public CatalogClientBuilder connectTimeout(Duration timeout) {
        this.connectTimeout = positive(timeout, "connectTimeout");
        return this;
    }

    /**
     * How long a stream may stay silent before the client drops it and reconnects (the nodes
     * send a heartbeat every 15 s by default); 45 s by default.
     *
     * @param timeout the timeout
     * @return this builder
     */
    public CatalogClientBuilder readTimeout(Duration timeout) {
        this.readTimeout = positive(timeout, "readTimeout");
        return this;
    }

    /**
     * How long {@link CatalogClient#start()} waits for a first snapshot when there is no cache
     * file to serve from; 30 s by default.
     *
     * @param timeout the timeout
     * @return this builder
     */
    public CatalogClientBuilder startTimeout(Duration timeout) {
        this.startTimeout = positive(timeout, "startTimeout");
        return this;
    }

    /**
     * Lets the client send its token over plain {@code http://} to a node that is not on this
     * machine (the token can then be read on the way); by default a token goes only to {@code
     * https://} endpoints and to loopback addresses. The client logs a warning when it does so.
     *
     * @return this builder
     */
    public CatalogClientBuilder allowInsecure() {
        this.allowInsecure = true;
        return this;
    }

    /**
     * The longest line or event the client reads from the watch stream, in characters; a longer
     * one drops the stream. 64 Mi by default: a whole catalog's snapshot is one event.
     *
     * @param characters the limit
     * @return this builder
     */
    public CatalogClientBuilder maxEventSize(int characters) {
        if (characters < 1024) {
            throw new IllegalArgumentException("maxEventSize must be at least 1024, was " + characters);
        }
        this.maxEventChars = characters;
        return this;
    }

    /**
     * How many changes a listener may have waiting before they are merged into one change; 1000
     * by default. A listener is never behind by more than this many changes' worth of memory.
     *
     * @param changes the limit
     * @return this builder
     */
    public CatalogClientBuilder listenerBacklog(int changes) {
        if (changes < 1) {
            throw new IllegalArgumentException("listenerBacklog must be positive, was " + changes);
        }
        this.listenerBacklog = changes;
        return this;
    }

    /**
     * Builds the client; it does nothing until {@link CatalogClient#start()}.
     *
     * @return a new client
     * @throws IllegalArgumentException if no endpoint was given, or a token would go over plain
     *     http to another machine without {@link #allowInsecure()}
     */
    public CatalogClient build() {
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("at least one endpoint is needed");
        }
        TokenTransport.check(token, endpoints, allowInsecure);
        return new CatalogClient(new ClientSettings(
                endpoints,
                token,
                cacheFile,
                consumerId == null ? ConsumerIds.stable(applicationName) : consumerId,
                reconcileInterval,
                backoffInitial,
                backoffMax,
                connectTimeout,
                readTimeout,
                startTimeout,
                cacheWriteDelay,
                reportInterval,
                labels,
                maxEventChars,
                listenerBacklog));
    }

    private static Duration positive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }
}

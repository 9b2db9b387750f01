package io.toolcatalog.core.reload;

import io.toolcatalog.core.concurrent.Sleeper;
import io.toolcatalog.core.store.CatalogDelta;
import io.toolcatalog.core.store.CatalogImage;
import io.toolcatalog.core.store.CatalogSource;
import io.toolcatalog.core.store.RevisionDigest;
import java.time.Duration;
import java.util.Collection;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link CatalogSource} whose reload reads ({@link #readAll()}, {@link #readSince}) are tried
 * {@code attempts} times, pausing {@code backoff} before the second try and doubling it for each
 * further one; the last failure is thrown. The poll's cheap reads ({@link #revision()}, {@link
 * #digest()}) are not retried: the next poll is the retry.
 */
final class RetryingCatalogSource implements CatalogSource {

    private static final Logger log = LoggerFactory.getLogger(RetryingCatalogSource.class);

    private final CatalogSource source;
    private final int attempts;
    private final Duration backoff;
    private final Sleeper sleeper;

    RetryingCatalogSource(CatalogSource source, int attempts, Duration backoff, Sleeper sleeper) {
        this.source = source;
        this.attempts = Math.max(1, attempts);
        this.backoff = backoff;
        this.sleeper = sleeper;
    }

    @Override
    public long revision() {
        return source.revision();
    }

    @Override
    public CatalogImage readAll() {
        return withRetries(source::readAll);
    }

    @Override
    public CatalogDelta readSince(long applied, int maxNames, Collection<String> alsoReread) {
        return withRetries(() -> source.readSince(applied, maxNames, alsoReread));
    }

    @Override
    public RevisionDigest digest() {
        return source.digest();
    }

    private <T> T withRetries(Supplier<T> read) {
        for (int attempt = 1; ; attempt++) {
            try {
                return read.get();
            } catch (RuntimeException e) {
                if (attempt >= attempts) {
                    throw e;
                }
                log.warn("Reload read failed (attempt {}): {}", attempt, e.toString());
                sleeper.sleep(backoff.multipliedBy(1L << (attempt - 1)));
            }
        }
    }
}

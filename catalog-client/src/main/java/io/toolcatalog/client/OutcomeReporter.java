package io.toolcatalog.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the pipeline reported ({@link CatalogClient#report}) and the changes its listeners
 * failed to apply to {@code POST /api/v1/consumers/reports} on the node the client follows: every
 * {@code reportInterval} on the client's scheduler, at once after an apply failure (a rollout
 * that breaks a consumer should stop as soon as possible), and one last time at close. One send
 * at a time, asynchronously, so a slow node never holds up the scheduler. Best effort: a send that
 * fails keeps its batch for the next one, and nothing here ever throws at the pipeline.
 */
final class OutcomeReporter {

    private static final Logger log = LoggerFactory.getLogger(OutcomeReporter.class);
    /** The longest error text an apply failure carries. */
    static final int MAX_ERROR_CHARS = 500;

    private final OutcomeTally tally = new OutcomeTally();
    private final CatalogHttp http;
    private final Supplier<URI> node;
    private final ScheduledExecutorService scheduler;
    private final Duration interval;
    private final AtomicBoolean inFlight = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failedSends = new AtomicLong();
    private volatile CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
    private volatile boolean started;
    private int failuresInRow;

    OutcomeReporter(CatalogHttp http, Supplier<URI> node, ScheduledExecutorService scheduler, Duration interval) {
        this.http = http;
        this.node = node;
        this.scheduler = scheduler;
        this.interval = interval;
    }

    void count(String tool, boolean success) {
        tally.count(tool, success);
    }

    /** A listener threw on {@code change}: kept for the next report, which is sent at once. */
    void applyFailed(CatalogChanged change, Throwable error) {
        int tools = change.changed().size() + change.removed().size();
        String tool = tools != 1
                ? null
                : change.changed().isEmpty()
                        ? change.removed().get(0)
                        : change.changed().get(0).name();
        String text = error.getClass().getName() + (error.getMessage() == null ? "" : ": " + error.getMessage());
        if (text.length() > MAX_ERROR_CHARS) {
            text = text.substring(0, MAX_ERROR_CHARS - 1) + "…";
        }
        tally.failed(new OutcomeTally.FailedApply(change.revision(), tool, text));
        flushSoon();
    }

    /** Sends every {@code reportInterval} from now on. */
    void start() {
        started = true;
        long every = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::flush, every, every, TimeUnit.MILLISECONDS);
        flushSoon(); // apply failures of the first state, reported before start() returned
    }

    /** Sends what is held on the scheduler, now rather than at the next interval. */
    void flushSoon() {
        if (!started) {
            return;
        }
        try {
            scheduler.execute(this::flush);
        } catch (RejectedExecutionException e) {
            // closing: close() sends what is left
        }
    }

    /** Starts sending one batch unless one is on its way (then another follows when it is done). */
    void flush() {
        if (tally.isEmpty()) {
            return;
        }
        if (!inFlight.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        again.set(false);
        OutcomeTally.Batch batch = tally.take();
        URI target = node.get();
        try {
            sending = http.client()
                    .sendAsync(http.reports(target, body(batch)), HttpResponse.BodyHandlers.ofByteArray())
                    .whenComplete((response, failure) -> {
                        boolean accepted;
                        try {
                            accepted = settle(target, batch, response, failure);
                        } finally {
                            inFlight.set(false);
                        }
                        // more is waiting (a full batch, an apply failure that came meanwhile): send it now
                        if (accepted && (again.get() || batch.tools().size() == OutcomeTally.MAX_TOOLS_PER_BATCH)) {
                            flushSoon();
                        }
                    });
        } catch (RuntimeException e) {
            settle(target, batch, null, e);
            inFlight.set(false);
        }
    }

    /**
     * At close: waits for a send on its way, then sends what is left, batch after batch, until all
     * is sent, a send fails, or {@code budget} runs out. Never throws.
     */
    void close(Duration budget) {
        if (!started) {
            return;
        }
        long deadline = System.nanoTime() + budget.toNanos();
        try {
            sending.get(budget.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            log.debug("Catalog outcome report still on its way at close: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        while (!tally.isEmpty() && System.nanoTime() < deadline) {
            OutcomeTally.Batch batch = tally.take();
            URI target = node.get();
            HttpResponse<byte[]> response = null;
            Throwable failure = null;
            try {
                response =
                        http.client().send(http.reports(target, body(batch)), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = e;
            } catch (Exception e) {
                failure = e;
            }
            if (!settle(target, batch, response, failure)) {
                break;
            }
        }
        if (!tally.isEmpty()) {
            log.info("Catalog outcome reports for {} tools not sent at close", tally.toolsHeld());
        }
    }

    CatalogClientStatus.Reports counters() {
        return new CatalogClientStatus.Reports(sent.get(), tally.dropped(), failedSends.get(), tally.toolsHeld());
    }

    /** Counts what became of a batch, keeping it for the next send when that may help; whether the node took it. */
    private synchronized boolean settle(
            URI target, OutcomeTally.Batch batch, HttpResponse<byte[]> response, Throwable failure) {
        if (failure == null && response.statusCode() / 100 == 2) {
            sent.addAndGet(batch.outcomes());
            failuresInRow = 0;
            log.debug(
                    "Catalog outcome report sent to {}: {} tools, {} apply failures",
                    target,
                    batch.tools().size(),
                    batch.applyFailures().size());
            return true;
        }
        failedSends.incrementAndGet();
        int status = response == null ? 0 : response.statusCode();
        String why = failure != null
                ? failure.toString()
                : "HTTP " + status + ": " + new String(response.body(), StandardCharsets.UTF_8);
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            // the node refuses this report as such (a 404 from a node without reports): sending it again cannot help
            tally.discard(batch);
            log.warn("Catalog outcome report refused by {}, {} outcomes dropped: {}", target, batch.outcomes(), why);
            return false;
        }
        tally.restore(batch);
        if (failuresInRow++ == 0) {
            log.warn("Catalog outcome report to {} failed, kept for the next one: {}", target, why);
        } else {
            log.debug("Catalog outcome report to {} failed again ({} in a row): {}", target, failuresInRow, why);
        }
        return false;
    }

    private static byte[] body(OutcomeTally.Batch batch) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        ObjectNode tools = body.putObject("tools");
        batch.tools()
                .forEach((tool, counts) ->
                        tools.putObject(tool).put("success", counts.success()).put("failure", counts.failure()));
        if (!batch.applyFailures().isEmpty()) {
            ArrayNode failures = body.putArray("apply_failures");
            for (OutcomeTally.FailedApply failure : batch.applyFailures()) {
                ObjectNode entry = failures.addObject().put("revision", failure.revision());
                if (failure.tool() != null) {
                    entry.put("tool", failure.tool());
                }
                entry.put("error", failure.error());
            }
        }
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a report always serialises", e);
        }
    }
}

package io.toolcatalog.api.watch;

import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * One long poll: answers with the first event past its start point, as typed JSON, or 204 when its
 * wait runs out. It holds no thread while it waits ({@link DeferredResult}).
 */
final class LongPoll {

    private final DeferredResult<ResponseEntity<byte[]>> result;
    private final EventRenderer renderer;
    private final Executor sender;
    private final WatchMetrics metrics;
    private final ConsumerTracker consumers;
    private final String consumerId;
    private final Subscription subscription;
    private final AtomicBoolean answered = new AtomicBoolean();

    LongPoll(
            long waitMillis,
            EventRenderer renderer,
            Executor sender,
            WatchMetrics metrics,
            ConsumerTracker consumers,
            String consumerId,
            Set<String> filter,
            Runnable onEnd) {
        this.result = new DeferredResult<>(waitMillis);
        this.renderer = renderer;
        this.sender = sender;
        this.metrics = metrics;
        this.consumers = consumers;
        this.consumerId = consumerId;
        this.subscription = new Subscription(filter, this::wake);
        result.onTimeout(() -> answer(ResponseEntity.noContent().build()));
        result.onCompletion(onEnd);
        result.onError(e ->
                answer(ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build()));
    }

    DeferredResult<ResponseEntity<byte[]>> result() {
        return result;
    }

    Subscription subscription() {
        return subscription;
    }

    /** The node stops: answer now with what there is (nothing: 204), so the client moves on. */
    void end() {
        answer(ResponseEntity.noContent().build());
    }

    private void wake() {
        if (answered.get()) {
            return;
        }
        try {
            sender.execute(this::send);
        } catch (RuntimeException e) {
            end();
        }
    }

    private void send() {
        Pending pending = subscription.take();
        if (pending == null) {
            return;
        }
        String type = pending.isReset() ? EventRenderer.SNAPSHOT : EventRenderer.CHANGE;
        byte[] body = renderer.typed(type, renderer.json(pending, subscription.filter()));
        if (answer(ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body))) {
            metrics.sent(type);
            consumers.delivered(consumerId, pending.revision());
        }
    }

    private boolean answer(ResponseEntity<byte[]> response) {
        return answered.compareAndSet(false, true) && result.setResult(response);
    }
}

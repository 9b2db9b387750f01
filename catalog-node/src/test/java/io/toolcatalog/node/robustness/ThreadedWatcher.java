package io.toolcatalog.node.robustness;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A watcher that follows the catalog on a thread of its own until it is closed: {@link #follow}
 * once per connection, a short pause after each.
 */
abstract class ThreadedWatcher extends RecordingWatcher {

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Thread thread;

    ThreadedWatcher(String name, Recorder clock) {
        super(name, clock);
        this.thread = new Thread(this::run, "watcher-" + name);
        thread.setDaemon(true);
    }

    /** One connection, until it ends; true when the next may start at once. */
    protected abstract boolean follow();

    /** Ends a connection in progress, if the protocol needs more than an interrupt. */
    protected void interrupt() {}

    @Override
    public void start() {
        thread.start();
    }

    private void run() {
        while (stopped.getCount() > 0) {
            if (!follow()) {
                try {
                    stopped.await(200, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        stopped.countDown();
        interrupt();
        thread.interrupt();
        try {
            thread.join(25_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

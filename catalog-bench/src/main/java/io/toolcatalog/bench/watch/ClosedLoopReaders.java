package io.toolcatalog.bench.watch;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/** Two threads reading one URL in a closed loop, each read's latency recorded. */
final class ClosedLoopReaders {

    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running = true;

    ClosedLoopReaders(String url, Histogram micros) {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).GET().build();
        for (int i = 0; i < 2; i++) {
            Thread thread = new Thread(() -> read(http, request, micros), "bench-reader-" + i);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
    }

    private void read(HttpClient http, HttpRequest request, Histogram micros) {
        while (running) {
            long start = System.nanoTime();
            try {
                http.send(request, HttpResponse.BodyHandlers.discarding());
            } catch (IOException e) {
                continue;
            } catch (InterruptedException e) {
                return;
            }
            long took = (System.nanoTime() - start) / 1000;
            synchronized (micros) {
                micros.recordValue(Math.min(took, micros.getHighestTrackableValue()));
            }
        }
    }

    void stop() {
        running = false;
        for (Thread thread : threads) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

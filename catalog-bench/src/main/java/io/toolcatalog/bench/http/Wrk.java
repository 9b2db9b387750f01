package io.toolcatalog.bench.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@code wrk --latency} against a 127.0.0.1 URL and reads its summary. */
final class Wrk {

    record WrkResult(double requestsPerSecond, double p99Ms, long errors, String raw) {}

    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern P99 = Pattern.compile("\\s99%\\s+([0-9.]+)(us|ms|s)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET =
            Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

    private Wrk() {}

    static WrkResult run(String url, int connections, int seconds) {
        return run(url, connections, seconds, null);
    }

    /** As {@link #run(String, int, int)}, with a Lua {@code script} ({@code wrk -s}) when not null. */
    static WrkResult run(String url, int connections, int seconds, java.nio.file.Path script) {
        if (!url.startsWith("http://127.0.0.1:")) {
            throw new IllegalArgumentException("benchmarks send traffic to 127.0.0.1 only: " + url);
        }
        List<String> command = new java.util.ArrayList<>(
                List.of("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency", "--timeout", "5s"));
        if (script != null) {
            command.addAll(List.of("-s", script.toString()));
        }
        command.add(url);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(seconds + 30L, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("wrk failed: " + out);
            }
            return parse(out);
        } catch (IOException e) {
            throw new IllegalStateException("wrk is not installed (apt-get install -y wrk)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static WrkResult parse(String out) {
        Matcher rps = RPS.matcher(out);
        Matcher p99 = P99.matcher(out);
        if (!rps.find() || !p99.find()) {
            throw new IllegalStateException("unexpected wrk output: " + out);
        }
        double value = Double.parseDouble(p99.group(1));
        double ms =
                switch (p99.group(2)) {
                    case "us" -> value / 1000;
                    case "s" -> value * 1000;
                    default -> value;
                };
        long errors = 0;
        Matcher non2xx = NON_2XX.matcher(out);
        if (non2xx.find()) {
            errors += Long.parseLong(non2xx.group(1));
        }
        Matcher socket = SOCKET.matcher(out);
        if (socket.find()) {
            for (int g = 1; g <= 4; g++) {
                errors += Long.parseLong(socket.group(g));
            }
        }
        return new WrkResult(Double.parseDouble(rps.group(1)), ms, errors, out);
    }
}

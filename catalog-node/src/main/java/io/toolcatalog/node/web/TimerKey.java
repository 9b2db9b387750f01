package io.toolcatalog.node.web;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.util.StringUtils;

/**
 * What tells one {@code http.server.requests} timer from another; the tags derive from it once,
 * when the timer is first needed.
 */
record TimerKey(String method, String uri, int status, Class<?> errorType) {

    Timer register(MeterRegistry registry) {
        String simpleName = errorType == null ? "none" : errorType.getSimpleName();
        String exception = errorType == null || StringUtils.hasText(simpleName) ? simpleName : errorType.getName();
        return Timer.builder(RequestMetricsFilter.METER)
                .tag("error", simpleName)
                .tag("exception", exception)
                .tag("method", method == null ? "UNKNOWN" : method)
                .tag("outcome", outcome(status))
                .tag("status", Integer.toString(status))
                .tag("uri", uri)
                .register(registry);
    }

    private static String outcome(int status) {
        HttpStatusCode code = HttpStatusCode.valueOf(status);
        if (code.is2xxSuccessful()) {
            return "SUCCESS";
        }
        return code instanceof HttpStatus known ? known.series().name() : "UNKNOWN";
    }
}

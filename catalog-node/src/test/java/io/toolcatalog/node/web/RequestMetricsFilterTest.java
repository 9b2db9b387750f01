package io.toolcatalog.node.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockAsyncContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.HandlerMapping;

class RequestMetricsFilterTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final RequestMetricsFilter filter = new RequestMetricsFilter(registry);
    private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/tools/grep");
    private final MockHttpServletResponse response = new MockHttpServletResponse();

    @Test
    void recordsAMatchedRouteUnderItsPattern() throws Exception {
        filter.doFilter(request, response, matching("/api/v1/tools/{name}", 200));
        filter.doFilter(request, response, matching("/api/v1/tools/{name}", 200));

        Timer timer = timer(tags("GET", "/api/v1/tools/{name}", "200", "SUCCESS", "none", "none"));
        assertThat(timer.count()).isEqualTo(2);
        assertThat(registry.find(RequestMetricsFilter.METER).timers()).hasSize(1);
    }

    @Test
    void namesAnUnmatchedPathByItsStatus() throws Exception {
        filter.doFilter(request, response, (req, res) -> response.setStatus(404));
        filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> {});

        assertThat(timer(tags("GET", "NOT_FOUND", "404", "CLIENT_ERROR", "none", "none"))
                        .count())
                .isEqualTo(1);
        assertThat(timer(tags("GET", "UNKNOWN", "200", "SUCCESS", "none", "none"))
                        .count())
                .isEqualTo(1);
    }

    @Test
    void recordsAFailureThatEscapesAsA500WithItsException() {
        FilterChain failing = (req, res) -> {
            matching("/api/v1/tools/{name}", 200).doFilter(req, res);
            throw new ServletException(new IllegalStateException("boom"));
        };

        assertThatThrownBy(() -> filter.doFilter(request, response, failing)).isInstanceOf(ServletException.class);

        Tags tags = tags(
                "GET", "/api/v1/tools/{name}", "500", "SERVER_ERROR", "IllegalStateException", "IllegalStateException");
        assertThat(timer(tags).count()).isEqualTo(1);
    }

    @Test
    void recordsAnAsyncRequestOnceWhenItCompletes() throws Exception {
        request.setAsyncSupported(true);
        filter.doFilter(request, response, (req, res) -> {
            matching("/api/v1/watch", 200).doFilter(req, res);
            req.startAsync(req, res);
        });
        assertThat(registry.find(RequestMetricsFilter.METER).timers()).isEmpty();

        response.setStatus(204);
        ((MockAsyncContext) request.getAsyncContext()).complete();

        assertThat(timer(tags("GET", "/api/v1/watch", "204", "SUCCESS", "none", "none"))
                        .count())
                .isEqualTo(1);
        assertThat(registry.find(RequestMetricsFilter.METER).timers()).hasSize(1);
    }

    private FilterChain matching(String pattern, int status) {
        return (req, res) -> {
            req.setAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE, pattern);
            response.setStatus(status);
        };
    }

    private Timer timer(Tags tags) {
        return registry.get(RequestMetricsFilter.METER).tags(tags).timer();
    }

    private static Tags tags(String method, String uri, String status, String outcome, String exception, String error) {
        return Tags.of("method", method, "uri", uri, "status", status, "outcome", outcome)
                .and("exception", exception, "error", error);
    }
}

package io.toolcatalog.api.web;

import io.toolcatalog.core.reload.AppliedCatalog;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The one writer of {@code X-Catalog-Revision}, on every response (errors and 304s included). It
 * writes the header at the last moment before the response can be committed (the first byte of
 * body, a flush, an error), with the value of the request's {@link ResponseRevision}: by then the
 * controller has taken its snapshot or named the revision it committed, so the header and the body
 * speak for the same revision.
 */
class RevisionHeaderFilter extends OncePerRequestFilter {

    private final AppliedCatalog catalog;

    RevisionHeaderFilter(AppliedCatalog catalog) {
        this.catalog = catalog;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ResponseRevision revision = new ResponseRevision(catalog);
        request.setAttribute(ResponseRevision.ATTRIBUTE, revision);
        StampedResponse stamped = new StampedResponse(response, revision);
        try {
            chain.doFilter(request, stamped);
        } finally {
            stamped.stamp();
        }
    }

    /** Writes the header once, just before anything that may commit the response. */
    private static final class StampedResponse extends HttpServletResponseWrapper {

        private final ResponseRevision revision;
        private boolean stamped;

        StampedResponse(HttpServletResponse response, ResponseRevision revision) {
            super(response);
            this.revision = revision;
        }

        void stamp() {
            if (!stamped && !isCommitted()) {
                stamped = true;
                setHeader(RevisionHeaders.REVISION, String.valueOf(revision.value()));
            }
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            stamp();
            return super.getOutputStream();
        }

        @Override
        public PrintWriter getWriter() throws IOException {
            stamp();
            return super.getWriter();
        }

        @Override
        public void flushBuffer() throws IOException {
            stamp();
            super.flushBuffer();
        }

        @Override
        public void sendError(int status) throws IOException {
            stamp();
            super.sendError(status);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            stamp();
            super.sendError(status, message);
        }

        @Override
        public void sendRedirect(String location) throws IOException {
            stamp();
            super.sendRedirect(location);
        }

        @Override
        public void reset() {
            super.reset();
            stamped = false;
        }
    }
}

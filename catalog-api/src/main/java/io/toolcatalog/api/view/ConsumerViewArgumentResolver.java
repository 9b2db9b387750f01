package io.toolcatalog.api.view;

import io.toolcatalog.api.web.ResponseRevision;
import io.toolcatalog.core.reload.ConsumerView;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Hands a read the caller's {@link ConsumerView} of the request's snapshot (the one
 * {@link ResponseRevision} pins, so {@code X-Catalog-Revision} and the body agree), and writes
 * {@code X-Catalog-View} and the {@code Vary} that says the answer depends on who asks.
 */
final class ConsumerViewArgumentResolver implements HandlerMethodArgumentResolver {

    static final String VARY = "X-Catalog-Consumer, X-Catalog-Consumer-Labels";

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == ConsumerView.class;
    }

    @Override
    public ConsumerView resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer container,
            NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        HttpServletRequest servletRequest = request.getNativeRequest(HttpServletRequest.class);
        HttpServletResponse response = request.getNativeResponse(HttpServletResponse.class);
        if (response != null) {
            response.addHeader(HttpHeaders.VARY, VARY); // a 400 for a bad header varies on it too
        }
        ConsumerView view = ResponseRevision.of(servletRequest).snapshot().view(ConsumerIdentities.of(servletRequest));
        if (response != null) {
            response.setHeader(ConsumerView.HEADER, view.name());
        }
        return view;
    }
}

package io.toolcatalog.api.web;

import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Hands a controller method the request's {@link ResponseRevision}, made by {@link RevisionHeaderFilter}. */
final class ResponseRevisionArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == ResponseRevision.class;
    }

    @Override
    public ResponseRevision resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer container,
            NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        Object revision = request.getAttribute(ResponseRevision.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
        if (revision instanceof ResponseRevision known) {
            return known;
        }
        throw new IllegalStateException("RevisionHeaderFilter did not run for this request");
    }
}

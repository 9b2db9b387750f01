package io.toolcatalog.api.web;

import java.util.function.Supplier;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Hands a controller method parameter of {@code type} the request attribute {@code attribute} that
 * a filter or an interceptor left for it; {@code absent} answers when none did.
 */
public record RequestAttributeResolver<T>(Class<T> type, String attribute, Supplier<T> absent)
        implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == type;
    }

    @Override
    public T resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer container,
            NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        Object value = request.getAttribute(attribute, RequestAttributes.SCOPE_REQUEST);
        return type.isInstance(value) ? type.cast(value) : absent.get();
    }
}

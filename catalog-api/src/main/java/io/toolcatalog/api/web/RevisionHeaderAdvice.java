package io.toolcatalog.api.web;

import io.toolcatalog.core.reload.CatalogReloader;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/** Sets {@code X-Catalog-Revision} to the applied revision at the moment the body is written. */
@ControllerAdvice
class RevisionHeaderAdvice implements ResponseBodyAdvice<Object> {

    private final CatalogReloader reloader;

    RevisionHeaderAdvice(CatalogReloader reloader) {
        this.reloader = reloader;
    }

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(
            Object body,
            MethodParameter returnType,
            MediaType contentType,
            Class<? extends HttpMessageConverter<?>> converterType,
            ServerHttpRequest request,
            ServerHttpResponse response) {
        // set on the servlet response itself: the header map of ServerHttpResponse would add a second value
        if (response instanceof ServletServerHttpResponse servlet) {
            servlet.getServletResponse().setHeader(RevisionHeaders.REVISION, String.valueOf(reloader.applied()));
        }
        return body;
    }
}

package io.toolcatalog.api.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An endpoint that spends this node's reload budget ({@code catalog.security.reload-rate-limit})
 * once its caller is authenticated and authorized. The webhook has budgets of its own ({@link RateBudgets}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface RateLimited {}

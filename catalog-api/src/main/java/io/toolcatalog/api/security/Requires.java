package io.toolcatalog.api.security;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The role an endpoint needs. An API endpoint without it is a read when it is a GET (open unless
 * {@code catalog.security.reads-require-token}) and needs {@link Role#ADMIN} otherwise: forgetting
 * the annotation on a mutation fails closed.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Requires {

    Role value();
}

package io.toolcatalog.api.error;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** The one advice that writes every failure as problem+json. */
@Configuration(proxyBeanMethods = false)
@Import(ProblemAdvice.class)
public class ErrorConfiguration {}

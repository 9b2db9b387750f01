package io.toolcatalog.api.schema;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** {@code /api/v1/schemas/profiles}: the profile schemas every write is checked against. */
@Configuration(proxyBeanMethods = false)
@Import(SchemaController.class)
public class SchemaApiConfiguration {}

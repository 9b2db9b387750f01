package io.toolcatalog.api.reload;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** {@code /api/v1/tools/reload}: explicit reloads, the cluster's history and statistics. */
@Configuration(proxyBeanMethods = false)
@Import(ReloadController.class)
public class ReloadApiConfiguration {}

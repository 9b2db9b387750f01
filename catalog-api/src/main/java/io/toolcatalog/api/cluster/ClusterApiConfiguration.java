package io.toolcatalog.api.cluster;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/** {@code /api/v1/cluster}: what the cluster's members report. */
@Configuration(proxyBeanMethods = false)
@Import(ClusterController.class)
public class ClusterApiConfiguration {}

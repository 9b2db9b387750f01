package io.toolcatalog.node;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The Tool Catalog node: one stateless member of the cluster. Spring's request observation is left
 * out: {@code RequestMetricsFilter} records the same {@code http.server.requests} for less.
 */
@SpringBootApplication(
        excludeName =
                "org.springframework.boot.actuate.autoconfigure.observation.web.servlet.WebMvcObservationAutoConfiguration")
public class CatalogNodeApplication {

    public static void main(String[] args) {
        SpringApplication.run(CatalogNodeApplication.class, args);
    }
}

package io.toolcatalog.node;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Tool Catalog node: one stateless member of the cluster. */
@SpringBootApplication
public class CatalogNodeApplication {

    public static void main(String[] args) {
        SpringApplication.run(CatalogNodeApplication.class, args);
    }
}

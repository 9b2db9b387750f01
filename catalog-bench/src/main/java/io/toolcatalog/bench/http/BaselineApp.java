package io.toolcatalog.bench.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The wrk baseline: a minimal Spring MVC app answering the two benchmarked paths with the bytes a
 * node answered (files named by {@code bench.baseline.dir}), started with the nodes' JVM flags.
 */
@SpringBootApplication(exclude = {DataSourceAutoConfiguration.class, FlywayAutoConfiguration.class})
public class BaselineApp {

    public static void main(String[] args) {
        SpringApplication.run(BaselineApp.class, args);
    }

    @RestController
    static class SameBytes {

        private final byte[] tool;
        private final byte[] profiles;

        SameBytes() throws IOException {
            Path dir = Path.of(System.getProperty("bench.baseline.dir", "."));
            this.tool = Files.readAllBytes(dir.resolve("tool.json"));
            this.profiles = Files.readAllBytes(dir.resolve("profiles.json"));
        }

        @GetMapping("/api/v1/tools/{name}")
        ResponseEntity<byte[]> tool(@PathVariable String name) {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(tool);
        }

        @GetMapping("/api/v1/profiles")
        ResponseEntity<byte[]> profiles() {
            return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(profiles);
        }

        @GetMapping("/ready")
        String ready() {
            return "ok";
        }
    }
}

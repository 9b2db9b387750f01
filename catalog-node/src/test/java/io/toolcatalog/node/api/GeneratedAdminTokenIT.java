package io.toolcatalog.node.api;

import static io.toolcatalog.node.api.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.node.CatalogNodeApplication;
import io.toolcatalog.node.testing.CatalogTestInitializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;

/**
 * A node started without any token is not open: it generates an admin token and, with dev
 * services on, keeps it in {@code <data-dir>/admin-token} for {@code TOKEN=$(cat .data/admin-token)}.
 */
@SpringBootTest(classes = CatalogNodeApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ContextConfiguration(initializers = GeneratedAdminTokenIT.WithoutTokens.class, inheritInitializers = false)
class GeneratedAdminTokenIT extends ApiTestSupport {

    static final Path DATA_DIR = tempDir();

    /** The test infrastructure's context, less its tokens; dev services on (after they would have started). */
    static final class WithoutTokens implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            new CatalogTestInitializer().initialize(context);
            TestPropertyValues.of(
                            "catalog.security.admin-token=",
                            "catalog.security.editor-token=",
                            "catalog.security.approver-token=",
                            "catalog.security.reader-token=",
                            "catalog.dev-services.enabled=true",
                            "catalog.dev-services.data-dir=" + DATA_DIR)
                    .applyTo(context);
        }
    }

    @Test
    void keepsTheGeneratedTokenInTheDataDirReadableOnlyByItsOwner() throws IOException {
        Path file = DATA_DIR.resolve("admin-token");

        assertThat(file).isRegularFile();
        assertThat(Files.readString(file).trim()).hasSize(64);
        assertThat(Files.getPosixFilePermissions(file))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void theGeneratedTokenIsAnAdminToken() throws IOException {
        String token = Files.readString(DATA_DIR.resolve("admin-token")).trim();

        assertThat(api.post(TOOLS + "/reload").token(token).send().status()).isEqualTo(200);
        assertThat(api.post(TOOLS)
                        .token(token)
                        .json(toolJson(unique("gen"), "d"))
                        .send()
                        .status())
                .isEqualTo(201);
    }

    @Test
    void theTestInfrastructuresTokensAreNotAccepted() {
        var before = database();
        assertProblem(
                api.post(TOOLS).token(ADMIN).json(toolJson(unique("old"), "d")).send(), 401);
        assertProblem(api.post(TOOLS).json(toolJson(unique("anon"), "d")).send(), 401);
        assertThat(database()).isEqualTo(before);
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("catalog-admin-token");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

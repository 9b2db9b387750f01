package io.toolcatalog.node.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.core.testing.ToolDrafts;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.tool.ToolDraft;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.node.testing.TestNodes;
import io.toolcatalog.node.testing.TestNodes.Node;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console asks who it is instead of provoking refusals: signing in leaves no failed request in
 * the browser's log. The cluster page follows every node's applied revision as it changes.
 */
class ConsoleSignInIT {

    /** A node beats within 100 ms of a swap; the page reads the node list every 250 ms: "within a second". */
    private static final Duration FOLLOWS_WITHIN = Duration.ofSeconds(1);

    private static ConsoleCluster cluster;
    private static Browser browser;

    @RegisterExtension
    final ScreenshotOnFailure screenshots = new ScreenshotOnFailure(() -> browser);

    @BeforeAll
    static void start() {
        cluster = ConsoleCluster.start("signin");
        browser = cluster.browser();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void freshPage() {
        browser.size(1280, 900);
        browser.open(cluster.nodeA().baseUrl() + "/console/");
        browser.script("sessionStorage.clear()");
        browser.open("about:blank");
        browser.failedRequests(); // start from a clean log
    }

    @ParameterizedTest
    @CsvSource({
        TestNodes.READER_TOKEN + ",reader",
        TestNodes.EDITOR_TOKEN + ",editor",
        TestNodes.APPROVER_TOKEN + ",approver",
        TestNodes.ADMIN_TOKEN + ",admin"
    })
    void signsInWithoutAFailedRequest(String token, String role) {
        browser.open(cluster.nodeA().baseUrl() + "/console/#/tools");
        browser.visible(By.cssSelector("[data-testid=token-input]")).sendKeys(token, Keys.ENTER);
        browser.waitUntil(ExpectedConditions.attributeToBe(By.cssSelector("[data-testid=role]"), "data-role", role));
        // a role token's principal is its role's name
        assertThat(browser.visible(By.cssSelector("[data-testid=principal]")).getText())
                .isEqualTo(role);

        assertThat(browser.failedRequests())
                .as("failed requests in the browser's log")
                .isEmpty();
    }

    @Test
    void theClusterPageShowsEveryNodesNewRevisionWithinASecondOrSo() {
        browser.open(cluster.nodeA().baseUrl() + "/console/#/cluster");
        browser.visible(By.cssSelector("[data-testid=node-row]"));
        for (int i = 0; i < 5; i++) {
            long revision = write(cluster.nodeB());
            new WebDriverWait(browser.driver(), FOLLOWS_WITHIN)
                    .pollingEvery(Duration.ofMillis(50))
                    .withMessage(() -> "every node's row at revision " + revision)
                    .until(d -> List.of(cluster.nodeA(), cluster.nodeB()).stream()
                            .allMatch(node -> !d.findElements(By.cssSelector("[data-testid=node-row][data-node-id='"
                                            + node.id() + "'][data-revision='" + revision + "']"))
                                    .isEmpty()));
        }
        assertThat(browser.consoleErrors()).isEmpty();
    }

    private static long write(Node node) {
        String name = "live-" + UUID.randomUUID().toString().substring(0, 8);
        ToolDraft draft = ToolDrafts.plain(name, "d").author("console-it").build();
        return node.bean(CatalogEditor.class).create(draft, Actor.of("editor")).revision();
    }
}

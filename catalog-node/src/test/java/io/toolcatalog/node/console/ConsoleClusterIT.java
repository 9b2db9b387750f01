package io.toolcatalog.node.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.api.watch.WatchMetrics;
import io.toolcatalog.node.testing.TestNodes;
import io.toolcatalog.node.testing.TestNodes.Node;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console shows the cluster live: changes made through node B, history events and applied
 * revisions of every node, a cluster reload; and it fits a narrow window and runs under a policy
 * without inline script. Same nodes and browser setup as {@link ConsoleIT}.
 */
class ConsoleClusterIT extends ConsoleTestSupport {

    @BeforeAll
    static void start() {
        startConsole("console");
    }

    @Test
    void showsAChangeMadeThroughAnotherNodeWithoutReloadingThePage() {
        open("#/tools");
        browser.visible(By.cssSelector("[data-testid=node-revision]"));
        browser.script("window.notReloaded = true");
        WatchMetrics watch = nodeA.bean(WatchMetrics.class);
        browser.waitUntil(d -> watch.openStreams() >= 1); // the console listens on node A's watch stream
        long changesSent = watch.eventsSent("change");
        String name = unique("elsewhere");

        create(nodeB, name, "made through node B");

        assertThat(rowText(name)).contains("made through node B");
        assertThat(browser.script("return window.notReloaded === true")).isEqualTo(true);
        assertThat(watch.eventsSent("change"))
                .as("heard through the watch stream")
                .isGreaterThan(changesSent);
    }

    @Test
    void showsNewHistoryEventsFromEveryNodeAsTheyHappen() {
        open("#/history");
        browser.visible(By.cssSelector("[data-testid=history-row]"));
        browser.script("window.notReloaded = true");

        long revision = create(nodeB, unique("history"), "for the history").revision();

        for (Node node : List.of(nodeA, nodeB)) {
            browser.visible(By.cssSelector(
                    "[data-testid=history-row][data-node-id='" + node.id() + "'][data-revision='" + revision + "']"));
        }
        assertThat(browser.script("return window.notReloaded === true")).isEqualTo(true);
    }

    @Test
    void showsEachNodesAppliedRevision() {
        long revision = create(nodeB, unique("cluster"), "for the cluster view").revision();
        open("#/cluster");
        for (Node node : List.of(nodeA, nodeB)) {
            browser.visible(By.cssSelector(
                    "[data-testid=node-row][data-node-id='" + node.id() + "'][data-revision='" + revision + "']"));
        }
        browser.visible(By.cssSelector(".chart canvas"));
    }

    @Test
    void reloadsTheClusterAndShowsEveryNodesOutcome() {
        open("#/reload");
        signIn(TestNodes.ADMIN_TOKEN, "admin");
        type(By.name("reason"), "console test");
        browser.click(By.xpath("//button[text()='Reload']"));
        WebElement result = browser.visible(By.cssSelector("[data-testid=reload-result]"));
        for (Node node : List.of(nodeA, nodeB)) {
            assertThat(result.findElement(By.cssSelector("[data-testid=reload-node][data-node-id='" + node.id() + "']"))
                            .getText())
                    .contains("reloaded");
        }
    }

    @Test
    void fitsANarrowWindow() {
        String name = unique("narrow");
        create(nodeA, name, "seen on a phone");
        browser.size(420, 900);
        open("#/tools");
        signIn(TestNodes.EDITOR_TOKEN, "editor");
        Boolean editShown = browser.waitUntil(d -> browser.visible(rowBy(name))
                .findElement(By.cssSelector("[data-action=edit]"))
                .isDisplayed());
        assertThat(editShown).isTrue();
        assertThat(browser.script("return document.documentElement.scrollWidth <= window.innerWidth"))
                .isEqualTo(true);
    }

    @Test
    void servesTheConsoleUnderAPolicyWithoutInlineScript() throws Exception {
        HttpResponse<String> page = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(nodeA.baseUrl() + "/console/"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).isEqualTo(200);
        String policy = page.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertThat(policy).contains("script-src 'self'", "style-src 'self'").doesNotContain("unsafe");
        assertThat(page.body())
                .containsPattern("<script type=\"module\" src=")
                .doesNotContainPattern("<script(?![^>]*\\bsrc=)")
                .doesNotContain("style=");
    }
}

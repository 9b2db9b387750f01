package io.toolcatalog.node.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.testing.ToolDrafts;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.tool.ToolDraft;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.node.testing.TestNodes.Node;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * What the console tests share: two real nodes and a headless browser (see {@link ConsoleCluster}),
 * a screenshot when a test fails, a fresh page before each test and no error logged by the page
 * after it (unless {@link #checksPage} says otherwise), and ways to drive the page.
 */
abstract class ConsoleTestSupport {

    static ConsoleCluster cluster;
    static Node nodeA;
    static Node nodeB;
    static Browser browser;

    @RegisterExtension
    final ScreenshotOnFailure screenshots = new ScreenshotOnFailure(() -> browser);

    /** Nodes {@code idPrefix-a} and {@code idPrefix-b} and the browser; stopped after the class. */
    static void startConsole(String idPrefix) {
        cluster = ConsoleCluster.start(idPrefix);
        nodeA = cluster.nodeA();
        nodeB = cluster.nodeB();
        browser = cluster.browser();
    }

    @AfterAll
    static void stopConsole() {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    /** Whether each test starts on a fresh page and must leave the browser's console free of errors. */
    boolean checksPage() {
        return true;
    }

    @BeforeEach
    void freshPage() {
        if (!checksPage()) {
            return;
        }
        browser.size(1280, 900);
        browser.open(nodeA.baseUrl() + "/console/");
        browser.script("sessionStorage.clear()");
        browser.open("about:blank");
        browser.consoleErrors(); // start from a clean log
    }

    @AfterEach
    void pageLoggedNoError() {
        if (checksPage()) {
            assertThat(browser.consoleErrors())
                    .as("errors in the browser's console")
                    .isEmpty();
        }
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    void open(String hash) {
        browser.open(nodeA.baseUrl() + "/console/" + hash);
    }

    void signIn(String token, String role) {
        browser.visible(By.cssSelector("[data-testid=token-input]")).sendKeys(token, Keys.ENTER);
        browser.waitUntil(ExpectedConditions.attributeToBe(By.cssSelector("[data-testid=role]"), "data-role", role));
    }

    void type(By field, String text) {
        WebElement input = browser.visible(field);
        input.clear();
        input.sendKeys(text);
    }

    static By rowBy(String name) {
        return By.cssSelector("[data-testid=tool-row][data-name='" + name + "']");
    }

    /** The row's text, read in one go (a row found earlier may have been re-rendered since). */
    String rowText(String name) {
        return browser.waitUntil(d -> browser.visible(rowBy(name)).getText());
    }

    void clickInRow(String name, String action) {
        browser.waitUntil(d -> {
            browser.visible(rowBy(name))
                    .findElement(By.cssSelector("[data-action=" + action + "]"))
                    .click();
            return true;
        });
    }

    static Optional<Tool> tool(Node node, String name) {
        return node.bean(CatalogReloader.class).snapshot().tool(name);
    }

    static Tool create(Node node, String name, String description) {
        ToolDraft draft =
                ToolDrafts.tool(name, description).author("console-it").build();
        return node.bean(CatalogEditor.class).create(draft, Actor.of("editor"));
    }
}

package io.toolcatalog.node.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.testing.ToolDrafts;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.tool.Profile;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.node.testing.TestNodes;
import io.toolcatalog.node.testing.TestNodes.Node;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The README's pictures of the console, taken from a real cluster of two nodes with a small
 * catalog: {@code ./mvnw -pl catalog-node -am verify -Dit.test=ConsoleScreenshotsIT
 * -Dconsole.screenshots=true} writes {@code docs/screenshots/*.png}. Skipped otherwise.
 */
@EnabledIfSystemProperty(named = "console.screenshots", matches = "true")
class ConsoleScreenshotsIT extends ConsoleTestSupport {

    private static final Path OUT = Path.of(System.getProperty("console.screenshots.dir", "../docs/screenshots"));

    @BeforeAll
    static void start() {
        startConsole("node");
    }

    @Override
    boolean checksPage() {
        return false;
    }

    @Test
    void takesThePicturesOfEveryView(@TempDir Path dir) throws Exception {
        seed();
        browser.size(1280, 860);
        open("#/tools");
        browser.visible(By.cssSelector("[data-testid=token-input]")).sendKeys(TestNodes.ADMIN_TOKEN, Keys.ENTER);
        browser.waitUntil(ExpectedConditions.attributeToBe(By.cssSelector("[data-testid=role]"), "data-role", "admin"));
        browser.waitUntil(
                d -> d.findElements(By.cssSelector("[data-testid=tool-row]")).size() == 6);
        shoot("tools");

        open("#/tools/web-search/edit");
        browser.waitUntil(ExpectedConditions.attributeToBe(By.name("category"), "value", "search"));
        nodeB.bean(CatalogEditor.class)
                .update(
                        "web-search",
                        ToolDrafts.patch()
                                .description("Search the public web; top 10 results")
                                .author("alice")
                                .build(),
                        null,
                        Actor.of("editor"));
        browser.visible(By.name("tags")).sendKeys(", news");
        browser.click(By.xpath("//button[text()='Save changes']"));
        browser.visible(By.cssSelector("[data-testid=conflict]"));
        shoot("edit-conflict");

        open("#/tools/grep/versions");
        browser.waitUntil(
                d -> d.findElements(By.cssSelector("[data-testid=version-row]")).size() == 3);
        new Select(browser.visible(By.name("left"))).selectByValue("1");
        browser.visible(By.cssSelector("[data-testid=diff] tr.diff-changed"));
        shoot("versions");

        Path file = dir.resolve("catalog.yaml");
        Files.writeString(
                file,
                """
                tools:
                  - name: grep
                    description: Search text using regular expressions
                    category: search
                    tags: [text, local]
                  - name: pdf-extract
                    description: Extract the text of a PDF
                    category: documents
                """);
        open("#/import");
        browser.visible(By.name("file")).sendKeys(file.toString());
        browser.waitUntil(
                d -> !d.findElement(By.name("content")).getAttribute("value").isEmpty());
        browser.click(By.cssSelector("[data-testid=import-preview-button]"));
        browser.visible(By.cssSelector("[data-testid=import-preview]"));
        shoot("import");

        open("#/reload");
        browser.visible(By.name("reason")).sendKeys("rotated an API key");
        browser.click(By.xpath("//button[text()='Reload']"));
        browser.visible(By.cssSelector("[data-testid=reload-result]"));
        shoot("reload");

        open("#/history");
        browser.visible(By.cssSelector("[data-testid=history-row]"));
        shoot("history");

        open("#/cluster");
        long revision = nodeA.bean(CatalogReloader.class).applied();
        for (Node node : List.of(nodeA, nodeB)) {
            browser.visible(By.cssSelector(
                    "[data-testid=node-row][data-node-id='" + node.id() + "'][data-revision='" + revision + "']"));
        }
        browser.visible(By.cssSelector(".chart canvas"));
        shoot("cluster");

        browser.size(420, 900);
        open("#/tools");
        browser.visible(By.cssSelector("[data-testid=tool-row]"));
        shoot("tools-narrow");

        assertThat(browser.consoleErrors()).isEmpty();
    }

    private void shoot(String name) {
        browser.screenshot(OUT.resolve(name + ".png"));
    }

    private static void seed() {
        CatalogEditor a = nodeA.bean(CatalogEditor.class);
        CatalogEditor b = nodeB.bean(CatalogEditor.class);
        create(a, "grep", "Search text using patterns", "search", List.of("text", "local"), 5000);
        create(b, "web-search", "Search the public web and return the top results", "search", List.of("web"), 8000);
        create(a, "code-runner", "Run a snippet in a sandbox", "execution", List.of("sandbox", "python"), 30000);
        create(b, "sql-query", "Read-only SQL against the analytics replica", "data", List.of("sql"), 15000);
        create(a, "http-fetch", "Fetch a URL and return its body", "web", List.of("http"), 10000);
        create(b, "summarize", "Summarize a long text", "language", List.of("llm"), 20000);
        a.update(
                "grep",
                ToolDrafts.patch()
                        .description("Search text using regular expressions")
                        .author("alice")
                        .build(),
                null,
                Actor.of("editor"));
        b.update(
                "grep",
                ToolDrafts.patch()
                        .description("Search text using regular expressions, fast")
                        .author("bob")
                        .build(),
                null,
                Actor.of("editor"));
        b.setEnabled("code-runner", false, null, new Actor("editor", "carol", "sandbox upgrade"));
        for (int i = 0; i < 8; i++) {
            (i % 2 == 0 ? a : b)
                    .update(
                            "sql-query",
                            ToolDrafts.patch()
                                    .description("Read-only SQL against the analytics replica (" + i + ")")
                                    .author("dave")
                                    .build(),
                            null,
                            Actor.of("editor"));
        }
    }

    private static void create(
            CatalogEditor editor, String name, String description, String category, List<String> tags, int timeout) {
        Profile profile = new Profile(timeout, 2, 0.2, 0.5, 0.3, Map.of());
        editor.create(
                ToolDrafts.named(name)
                        .description(description)
                        .category(category)
                        .tags(tags)
                        .enabled(true)
                        .profile("default", profile)
                        .author("ops")
                        .build(),
                Actor.of("admin"));
    }
}

package io.toolcatalog.node.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.testing.ToolDrafts;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.tool.Profile;
import io.toolcatalog.core.tool.Tool;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.core.write.SchemaEditor;
import io.toolcatalog.node.testing.TestNodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The operator console in a real browser (headless Chromium) against two real nodes on one
 * PostgreSQL schema and one Redis prefix: the browser talks to node A; "someone else" changes the
 * catalog through node B. Every test ends by checking that the page logged no error.
 */
class ConsoleIT extends ConsoleTestSupport {

    @BeforeAll
    static void start() {
        startConsole("console");
    }

    @Test
    void signsInWithTheKeyboardAndEnablesOnlyWhatTheRoleMayDo() {
        open("#/tools");
        signIn(TestNodes.READER_TOKEN, "reader");
        assertThat(browser.visible(By.cssSelector("[data-testid=new-tool]")).getAttribute("aria-disabled"))
                .isEqualTo("true");

        browser.click(By.xpath("//button[text()='Sign out']"));
        signIn(TestNodes.EDITOR_TOKEN, "editor");
        assertThat(browser.visible(By.cssSelector("[data-testid=new-tool]")).getAttribute("aria-disabled"))
                .isNull();
        open("#/import");
        assertThat(browser.visible(By.cssSelector("[data-testid=import-preview-button]"))
                        .isEnabled())
                .isFalse();

        browser.click(By.xpath("//button[text()='Sign out']"));
        signIn(TestNodes.ADMIN_TOKEN, "admin");
        assertThat(browser.visible(By.cssSelector("[data-testid=import-preview-button]"))
                        .isEnabled())
                .isTrue();
        assertThat(browser.driver().getCurrentUrl()).doesNotContain(TestNodes.ADMIN_TOKEN);
        assertThat(browser.script("return sessionStorage.getItem('catalog.console.token')"))
                .isEqualTo(TestNodes.ADMIN_TOKEN);
    }

    @Test
    void refusesAnUnknownTokenWithTheApisAnswer() {
        open("#/tools");
        WebElement input = browser.visible(By.cssSelector("[data-testid=token-input]"));
        input.sendKeys("not-a-token", Keys.ENTER);
        browser.waitUntil(ExpectedConditions.textToBe(By.id("signin-error"), "This token is not valid"));
        assertThat(browser.script("return sessionStorage.getItem('catalog.console.token')"))
                .isNull();
    }

    @Test
    void createsEditsAndDeletesATool() {
        String name = unique("created");
        open("#/tools");
        signIn(TestNodes.EDITOR_TOKEN, "editor");
        browser.click(By.cssSelector("[data-testid=new-tool]"));
        type(By.name("name"), name);
        type(By.name("description"), "Made in the console");
        type(By.name("category"), "search");
        type(By.name("tags"), "text, console");
        browser.click(By.xpath("//button[text()='Create tool']"));
        assertThat(rowText(name)).contains("Made in the console", "search", "console");
        assertThat(tool(nodeA, name)).get().extracting(Tool::tags).isEqualTo(List.of("text", "console"));

        clickInRow(name, "edit");
        browser.waitUntil(ExpectedConditions.attributeToBe(By.name("description"), "value", "Made in the console"));
        type(By.name("description"), "Edited in the console");
        browser.click(By.xpath("//button[text()='Save changes']"));
        browser.waitUntil(d -> rowText(name).contains("Edited in the console"));
        assertThat(tool(nodeB, name)).get().extracting(Tool::version).isEqualTo(2);

        clickInRow(name, "toggle");
        browser.waitUntil(ExpectedConditions.attributeToBe(rowBy(name), "data-enabled", "false"));

        clickInRow(name, "delete");
        browser.click(By.cssSelector("dialog button[value=ok]"));
        browser.waitUntil(ExpectedConditions.invisibilityOfElementLocated(rowBy(name)));
        assertThat(tool(nodeA, name)).isEmpty();
    }

    @Test
    void showsTheServersWordsBesideTheFieldItNames() {
        String name = unique("refused");
        open("#/tools/new");
        signIn(TestNodes.EDITOR_TOKEN, "editor");
        type(By.name("name"), name);
        type(By.name("profiles"), "{\"default\": {\"timeout_ms\": \"fast\"}}");
        browser.click(By.xpath("//button[text()='Create tool']"));

        WebElement error = browser.visible(By.cssSelector("[data-error-for=profiles]"));
        assertThat(error.getText()).startsWith("profiles.default.timeout_ms: ");
        assertThat(browser.driver().findElement(By.name("profiles")).getAttribute("aria-invalid"))
                .isEqualTo("true");
        assertThat(tool(nodeA, name)).isEmpty();
    }

    @Test
    void showsDataAsTextNeverAsMarkup() {
        String name = unique("markup");
        String description = "<img src=x onerror=\"document.title='owned'\"><b>bold</b>";
        create(nodeB, name, description);
        open("#/tools");
        By cell = By.cssSelector("[data-testid=tool-row][data-name='" + name + "'] .description");
        String text = browser.waitUntil(d -> d.findElement(cell).getText());
        List<WebElement> markup = browser.waitUntil(d -> d.findElement(cell).findElements(By.cssSelector("img, b")));
        assertThat(text).isEqualTo(description);
        assertThat(markup).isEmpty();
        assertThat(browser.driver().getTitle()).isNotEqualTo("owned");
    }

    @Test
    void namesWhoChangedWhatWhenAnEditConflicts() {
        String name = unique("conflict");
        create(nodeA, name, "first words");
        open("#/tools/" + name + "/edit");
        signIn(TestNodes.EDITOR_TOKEN, "editor");
        browser.waitUntil(ExpectedConditions.attributeToBe(By.name("description"), "value", "first words"));

        // behind the browser's back, through the other node
        nodeB.bean(CatalogEditor.class)
                .update(
                        name,
                        ToolDrafts.patch()
                                .description("bob's words")
                                .author("bob")
                                .build(),
                        null,
                        Actor.of("editor"));

        type(By.name("category"), "moved");
        browser.click(By.xpath("//button[text()='Save changes']"));
        WebElement conflict = browser.visible(By.cssSelector("[data-testid=conflict]"));
        assertThat(conflict.getText()).contains("bob saved version 2", "you started from version 1");
        assertThat(conflict.findElement(By.cssSelector("[data-testid=conflict-fields]"))
                        .getText())
                .isEqualTo("description");
        assertThat(tool(nodeA, name)).get().extracting(Tool::category).isEqualTo("search");

        browser.click(By.xpath("//button[text()='Discard mine, load theirs']"));
        browser.waitUntil(ExpectedConditions.attributeToBe(By.name("description"), "value", "bob's words"));
    }

    @Test
    void diffsTwoVersionsSideBySideAndRollsBack() {
        String name = unique("versions");
        create(nodeA, name, "version one");
        CatalogEditor editor = nodeA.bean(CatalogEditor.class);
        editor.update(
                name,
                ToolDrafts.patch().description("version two").author("alice").build(),
                null,
                Actor.of("editor"));
        editor.update(
                name,
                ToolDrafts.patch().description("version three").author("carol").build(),
                null,
                Actor.of("editor"));
        open("#/tools/" + name + "/versions");
        signIn(TestNodes.ADMIN_TOKEN, "admin");

        browser.waitUntil(
                d -> d.findElements(By.cssSelector("[data-testid=version-row]")).size() == 3);
        new Select(browser.visible(By.name("left"))).selectByValue("1");
        new Select(browser.visible(By.name("right"))).selectByValue("3");
        WebElement changed = browser.visible(By.cssSelector("[data-testid=diff] tr.diff-changed"));
        assertThat(changed.findElement(By.cssSelector("td.del")).getText()).contains("version one");
        assertThat(changed.findElement(By.cssSelector("td.add")).getText()).contains("version three");

        browser.click(By.cssSelector("[data-testid=version-row][data-version='1'] [data-action=rollback]"));
        browser.click(By.cssSelector("dialog button[value=ok]"));
        browser.waitUntil(
                d -> d.findElements(By.cssSelector("[data-testid=version-row]")).size() == 4);
        assertThat(tool(nodeB, name)).get().extracting(Tool::description).isEqualTo("version one");
    }

    @Test
    void previewsAnImportWithoutWritingThenAppliesIt(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        String existing = unique("imported");
        String fresh = unique("imported");
        create(nodeA, existing, "before the import");
        Path file = dir.resolve("catalog.yaml");
        Files.writeString(
                file,
                """
                tools:
                  - name: %s
                    description: after the import
                    category: search
                  - name: %s
                    description: new from the import
                    category: search
                """
                        .formatted(existing, fresh));
        open("#/import");
        signIn(TestNodes.ADMIN_TOKEN, "admin");

        browser.visible(By.name("file")).sendKeys(file.toString());
        browser.waitUntil(
                d -> !d.findElement(By.name("content")).getAttribute("value").isEmpty());
        browser.click(By.cssSelector("[data-testid=import-preview-button]"));
        WebElement preview = browser.visible(By.cssSelector("[data-testid=import-preview]"));
        assertThat(preview.findElement(By.cssSelector("[data-testid=import-created] .stat-value"))
                        .getText())
                .isEqualTo("1");
        assertThat(preview.findElement(By.cssSelector("[data-testid=import-updated] .stat-value"))
                        .getText())
                .isEqualTo("1");
        assertThat(tool(nodeA, fresh)).isEmpty();

        browser.click(By.cssSelector("[data-testid=import-apply-button]"));
        browser.visible(By.cssSelector("[data-testid=import-result]"));
        assertThat(tool(nodeA, fresh)).get().extracting(Tool::description).isEqualTo("new from the import");
        assertThat(tool(nodeA, existing)).get().extracting(Tool::description).isEqualTo("after the import");
    }

    @Test
    void showsWhichToolsADraftSchemaWouldRejectAndSavesOneThatNoneBreaks() {
        String profile = unique("console").replace('-', '_');
        String slow = unique("slow");
        nodeB.bean(CatalogEditor.class)
                .create(
                        ToolDrafts.plain(slow, "d")
                                .profile(profile, new Profile(5000, null, null, null, null, null))
                                .build(),
                        Actor.of("editor"));
        open("#/schemas");
        signIn(TestNodes.ADMIN_TOKEN, "admin");
        type(By.name("name"), profile);
        type(By.name("schema"), "{\"properties\": {\"timeout_ms\": {\"maximum\": 1000}}}");

        browser.click(By.cssSelector("[data-testid=dry-run]"));
        assertThat(browser.visible(By.cssSelector("[data-testid=rejected-tool]"))
                        .getText())
                .contains(slow, "profiles." + profile + ".timeout_ms");

        type(By.name("schema"), "{\"properties\": {\"timeout_ms\": {\"maximum\": 10000}}}");
        browser.click(By.cssSelector("[data-testid=save-schema]"));
        browser.waitUntil(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[data-testid=schema-list]"), profile));
        assertThat(nodeA.bean(CatalogReloader.class).snapshot().schemas().documents())
                .containsKey(profile);
        nodeA.bean(SchemaEditor.class).delete(profile, Actor.of("admin"));
    }

    @Test
    void editsAToolsInputSchema() {
        String name = unique("typed");
        create(nodeB, name, "typed");
        open("#/tools/" + name + "/edit");
        signIn(TestNodes.EDITOR_TOKEN, "editor");
        browser.waitUntil(ExpectedConditions.attributeToBe(By.name("description"), "value", "typed"));

        type(By.name("input_schema"), "{\"type\": \"object\", \"required\": [\"pattern\"]}");
        browser.click(By.xpath("//button[text()='Save changes']"));

        browser.waitUntil(d -> tool(nodeA, name)
                .map(t -> t.inputSchema() != null && t.inputSchema().has("required"))
                .orElse(false));
    }
}

package io.toolcatalog.node.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.toolcatalog.core.changerequest.ChangeRequestCore;
import io.toolcatalog.core.changerequest.Participant;
import io.toolcatalog.core.testing.ToolDrafts;
import io.toolcatalog.core.tool.Actor;
import io.toolcatalog.core.tool.Profile;
import io.toolcatalog.core.tool.ToolDraft;
import io.toolcatalog.core.write.CatalogEditor;
import io.toolcatalog.core.write.SchemaEditor;
import io.toolcatalog.core.write.StagedEdit;
import io.toolcatalog.node.testing.TestNodes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The console's Changes view: a request under review listed, its field diff read, approved and
 * published; a publish scheduled; a tool's page linking the open requests that stage it; a revision reverted.
 */
class ConsoleChangesIT extends ConsoleTestSupport {

    @BeforeAll
    static void start() {
        startConsole("console-changes");
    }

    @Test
    void listsARequestShowsItsDiffAndApprovesAndPublishesIt() {
        String name = unique("staged");
        ChangeRequestCore changes = nodeA.bean(ChangeRequestCore.class);
        Participant author = new Participant("editor", false, false);
        ToolDraft draft = ToolDrafts.patch()
                .description("staged in a change request")
                .category("search")
                .profile("default", new Profile(700, null, null, null, null, null))
                .build();
        long id = changes.requests()
                .open(
                        "console review",
                        "",
                        List.of(new StagedEdit(name, StagedEdit.Action.UPSERT, draft, null)),
                        author)
                .id();
        changes.review().submit(id, "please", author);
        open("#/changes");
        signIn(TestNodes.ADMIN_TOKEN, "admin");

        browser.visible(By.cssSelector("[data-testid=change-row][data-id='" + id + "'][data-state=in_review] a"))
                .click();
        String timeout = browser.visible(
                        By.cssSelector("[data-testid=cr-field][data-path='profiles.default.timeout_ms']"))
                .getText();
        assertThat(timeout).contains(name, "700");
        browser.click(By.cssSelector("button[data-action=approve]"));
        browser.visible(By.cssSelector("[data-testid=cr-state][data-state=approved]"));
        browser.click(By.cssSelector("button[data-action=publish]"));
        browser.visible(By.cssSelector("[data-testid=cr-state][data-state=published]"));

        await().atMost(Duration.ofSeconds(10)).until(() -> tool(nodeB, name).isPresent());
        assertThat(tool(nodeB, name).orElseThrow().profiles().get("default").timeoutMs())
                .isEqualTo(700);
    }

    @Test
    void aSubmitRefusedByValidationShowsEachProblemBesideItsField() throws Exception {
        String name = unique("checked");
        String profile = "p_" + name.replace('-', '_');
        ChangeRequestCore changes = nodeA.bean(ChangeRequestCore.class);
        Participant author = new Participant("editor", false, false);
        ToolDraft draft = ToolDrafts.plain(name, "staged, then a schema says no")
                .profile(profile, new Profile(700, null, null, null, null, null))
                .build();
        long id = changes.requests()
                .open("checked", "", List.of(new StagedEdit(name, StagedEdit.Action.UPSERT, draft, null)), author)
                .id();
        nodeA.bean(SchemaEditor.class)
                .set(
                        profile,
                        new ObjectMapper().readTree("{\"properties\": {\"timeout_ms\": {\"maximum\": 500}}}"),
                        Actor.of("admin"));
        open("#/changes/" + id);
        signIn(TestNodes.ADMIN_TOKEN, "admin");

        browser.click(By.cssSelector("button[data-action=submit]"));

        String path = "profiles." + profile + ".timeout_ms";
        String check = browser.waitUntil(d -> {
            String text = browser.visible(
                            By.cssSelector("[data-testid=cr-field][data-path='" + path + "'] [data-testid=cr-check]"))
                    .getText();
            return text.isEmpty() ? null : text;
        });
        assertThat(check).contains("500");
        assertThat(browser.visible(
                                By.cssSelector("[data-testid=cr-field][data-path=description] [data-testid=cr-check]"))
                        .getText())
                .as("a field without a problem")
                .isEmpty();
        assertThat(changes.requests().get(id).state().name()).isEqualTo("DRAFT");
    }

    @Test
    void schedulesAnApprovedRequestToPublishAtATime() {
        long id = approvedRequest(unique("scheduled"));
        open("#/changes/" + id);
        signIn(TestNodes.ADMIN_TOKEN, "admin");
        browser.visible(By.cssSelector("[data-testid=cr-state][data-state=approved]"));
        assertThat(browser.visible(By.cssSelector("[data-testid=cr-publish-at]"))
                        .getText())
                .isEqualTo("Not scheduled");
        assertThat(browser.visible(By.cssSelector(".hint")).getText()).contains("no unschedule");

        WebElement input = browser.visible(By.cssSelector("[data-testid=cr-publish-input]"));
        browser.script(
                "arguments[0].value = '2099-06-01T12:30:00'", input); // a native picker: set as a user's pick would
        String expected = (String) browser.script("return new Date('2099-06-01T12:30:00').toISOString()");
        browser.click(By.cssSelector("button[data-action=schedule]"));

        String shown = browser.waitUntil(d -> {
            String at = browser.visible(By.cssSelector("[data-testid=cr-publish-at]"))
                    .getAttribute("data-at");
            return at.isEmpty() ? null : at;
        });
        assertThat(Instant.parse(shown)).isEqualTo(Instant.parse(expected));
        assertThat(nodeB.bean(ChangeRequestCore.class).requests().get(id).publishAt())
                .isEqualTo(Instant.parse(expected));
    }

    @Test
    void aToolsPageLinksTheOpenRequestsThatStageIt() {
        String name = unique("linked");
        create(nodeA, name, "live");
        long open = approvedRequest(name);
        long published = approvedRequest(name);
        nodeA.bean(ChangeRequestCore.class).publishing().publish(published, APPROVER);
        open("#/tools/" + name + "/versions");
        assertThat(browser.visible(By.cssSelector("[data-testid=tool-changes]")).getText())
                .contains("Sign in"); // reading change requests needs a token
        signIn(TestNodes.READER_TOKEN, "reader");

        browser.visible(By.cssSelector("[data-testid=tool-change][data-id='" + open + "'] a"))
                .click();
        browser.visible(By.cssSelector("[data-testid=cr-state][data-state=approved]"));
        assertThat(browser.driver().getCurrentUrl()).endsWith("#/changes/" + open);
        open("#/tools/" + name + "/versions");
        browser.visible(By.cssSelector("[data-testid=tool-change][data-id='" + open + "']"));
        assertThat(browser.driver()
                        .findElements(By.cssSelector("[data-testid=tool-change][data-id='" + published + "']")))
                .as("a published request is not open")
                .isEmpty();
    }

    @Test
    void revertsARevisionFromTheVersionsView() {
        String name = unique("reverted");
        create(nodeA, name, "first words");
        ToolDraft edit = ToolDrafts.patch().description("second words").build();
        long revision = nodeA.bean(CatalogEditor.class)
                .update(name, edit, null, Actor.of("editor"))
                .revision();
        open("#/tools/" + name + "/versions");
        signIn(TestNodes.EDITOR_TOKEN, "editor");

        browser.click(By.cssSelector("[data-action=revert][data-revision='" + revision + "']"));
        browser.click(By.cssSelector("dialog button[value=ok]"));
        browser.visible(By.cssSelector("[data-testid=revert-done]"));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> tool(nodeB, name).orElseThrow().description().equals("first words"));
    }

    private static final Participant APPROVER = new Participant("approver", true, false);

    /** A request staging a change to {@code name}, submitted by an editor and approved. */
    private static long approvedRequest(String name) {
        ChangeRequestCore changes = nodeA.bean(ChangeRequestCore.class);
        Participant author = new Participant("editor", false, false);
        ToolDraft draft = ToolDrafts.patch()
                .description("staged for " + name)
                .category("search")
                .build();
        long id = changes.requests()
                .open("about " + name, "", List.of(new StagedEdit(name, StagedEdit.Action.UPSERT, draft, null)), author)
                .id();
        changes.review().submit(id, null, author);
        changes.review().approve(id, null, APPROVER);
        return id;
    }
}

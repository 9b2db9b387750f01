package io.toolcatalog.node.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.toolcatalog.core.changerequest.ChangeRequestCore;
import io.toolcatalog.core.changerequest.Participant;
import io.toolcatalog.core.testing.ToolDrafts;
import io.toolcatalog.core.tool.Profile;
import io.toolcatalog.core.tool.ToolDraft;
import io.toolcatalog.core.write.StagedEdit;
import io.toolcatalog.node.testing.TestNodes;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The console's Changes view: a request under review listed, its field diff read, approved and published. */
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
        browser.clickable(By.cssSelector("button[data-action=approve]")).click();
        browser.visible(By.cssSelector("[data-testid=cr-state][data-state=approved]"));
        browser.clickable(By.cssSelector("button[data-action=publish]")).click();
        browser.visible(By.cssSelector("[data-testid=cr-state][data-state=published]"));

        await().atMost(Duration.ofSeconds(10)).until(() -> tool(nodeB, name).isPresent());
        assertThat(tool(nodeB, name).orElseThrow().profiles().get("default").timeoutMs())
                .isEqualTo(700);
    }
}

package io.toolcatalog.node.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.toolcatalog.core.changerequest.ChangeRequestCore;
import io.toolcatalog.core.changerequest.Participant;
import io.toolcatalog.core.cluster.ConsumerPosition;
import io.toolcatalog.core.cluster.ConsumerRegistry;
import io.toolcatalog.core.cohort.ActiveRollout;
import io.toolcatalog.core.reload.CatalogReloader;
import io.toolcatalog.core.rollout.Rollout;
import io.toolcatalog.core.rollout.RolloutState;
import io.toolcatalog.core.rollout.Rollouts;
import io.toolcatalog.core.testing.ToolDrafts;
import io.toolcatalog.core.tool.Profile;
import io.toolcatalog.core.tool.ToolDraft;
import io.toolcatalog.core.write.StagedEdit;
import io.toolcatalog.node.testing.TestNodes;
import io.toolcatalog.node.testing.TestNodes.Node;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The console's Rollouts view: a change request rolled out from its page, the rollout's page with
 * its steps, consumers and failure-rate chart, advanced by hand, paused elsewhere and resumed, then aborted with a reason; the
 * request's page and the history link to it. With {@code -Dconsole.screenshots=true} its pictures
 * go to {@code docs/screenshots/}, else to {@code target/console-screenshots/}.
 */
class ConsoleRolloutsIT extends ConsoleTestSupport {

    private static final Path OUT = Boolean.getBoolean("console.screenshots")
            ? Path.of(System.getProperty("console.screenshots.dir", "../docs/screenshots"))
            : Path.of("target/console-screenshots");

    @BeforeAll
    static void start() {
        startConsole("console-rollouts");
    }

    @Test
    void rollsARequestOutAdvancesItAndAbortsItWithAReason() {
        String name = unique("rolled");
        create(nodeA, name, "the stable words");
        long request = openRequest(name);
        List<String> consumers = watchConsumers(12);

        open("#/changes/" + request);
        signIn(TestNodes.ADMIN_TOKEN, "admin");
        browser.visible(By.cssSelector("[data-testid=cr-rollout] summary")).click();
        type(By.name("steps"), "25:1h, 50:1h, 100");
        type(By.name("min_reports"), "50");
        shoot("rollout-form", 900);
        browser.click(By.cssSelector("button[data-action=rollout]"));

        browser.waitUntil(d -> d.getCurrentUrl().matches(".*#/rollouts/\\d+$"));
        long id = Long.parseLong(browser.driver().getCurrentUrl().replaceAll(".*#/rollouts/", ""));
        browser.visible(By.cssSelector("[data-testid=rollout-state][data-state=running]"));
        assertThat(steps()).containsExactly("current", "later", "later");
        assertThat(nodeB.bean(Rollouts.class).find(id).tools()).containsExactly(name);
        assertThat(nodeB.bean(ChangeRequestCore.class)
                        .requests()
                        .get(request)
                        .state()
                        .value())
                .isEqualTo("rolling_out");

        // consumers: the page works out the cohort from each id as the nodes do
        long inCohort = consumers.stream()
                .filter(c -> ActiveRollout.bucket(id, c) < 2500)
                .count();
        By summary = By.cssSelector("[data-testid=rollout-consumer-summary]");
        String shown = browser.waitUntil(d -> {
            String cohort = browser.visible(summary).getAttribute("data-cohort");
            return cohort == null || cohort.isEmpty() ? null : cohort;
        });
        assertThat(shown).isEqualTo(String.valueOf(inCohort));
        assertThat(browser.visible(summary).getText()).startsWith("12 consumers");

        // outcomes reported per slice draw the chart (re-read while the rollout runs)
        reportOutcomes(id);
        browser.visible(By.cssSelector("[data-testid=rollout-chart-note]"));
        browser.waitUntil(d -> browser.visible(By.cssSelector("[data-testid=rollout-chart-note]"))
                .getText()
                .contains("18 slices"));
        browser.visible(By.cssSelector(".chart canvas"));
        assertThat(browser.visible(By.cssSelector("[data-testid=rollout-rule]")).getText())
                .contains("5 points", "50 reports", "5m");
        shoot("rollout", 1500);

        browser.click(By.cssSelector("button[data-action=rollout-advance]"));
        browser.waitUntil(d -> steps().equals(List.of("done", "current", "later")));
        assertThat(nodeB.bean(Rollouts.class).find(id).percent()).isEqualTo(50.0);

        // a move made elsewhere shows up without a reload; resume from the page
        nodeB.bean(Rollouts.class).pause(id, new Participant("approver", true, false));
        browser.visible(By.cssSelector("[data-testid=rollout-state][data-state=paused]"));
        assertThat(browser.visible(By.cssSelector("button[data-action=rollout-pause]"))
                        .isEnabled())
                .isFalse();
        browser.click(By.cssSelector("button[data-action=rollout-resume]"));
        browser.visible(By.cssSelector("[data-testid=rollout-state][data-state=running]"));

        browser.click(By.cssSelector("button[data-action=rollout-abort]"));
        browser.visible(By.cssSelector("dialog input[name=reason]")).sendKeys("timeouts in the eu pipelines");
        browser.click(By.cssSelector("dialog button[value=ok]"));
        browser.visible(By.cssSelector("[data-testid=rollout-state][data-state=aborted]"));
        assertThat(browser.visible(By.cssSelector("[data-testid=rollout-reason]"))
                        .getText())
                .isEqualTo("timeouts in the eu pipelines");
        assertThat(browser.visible(By.cssSelector("button[data-action=rollout-pause]"))
                        .isEnabled())
                .isFalse();
        assertThat(browser.visible(By.cssSelector("button[data-action=rollout-abort]"))
                        .isEnabled())
                .isFalse();
        Rollout aborted = nodeB.bean(Rollouts.class).find(id);
        assertThat(aborted.state()).isEqualTo(RolloutState.ABORTED);
        assertThat(aborted.reason()).isEqualTo("timeouts in the eu pipelines");
        assertThat(browser.driver().findElements(By.cssSelector("[data-testid=rollout-history-row]")))
                .extracting(row -> row.getAttribute("data-state"))
                .containsExactly("aborted", "running", "paused", "running", "running");
        shoot("rollout-aborted", 1100);

        browser.visible(By.cssSelector("[data-testid=rollout-cr]")).click();
        browser.visible(By.cssSelector("[data-testid=cr-state][data-state=failed]"));
        browser.visible(By.cssSelector("[data-testid=cr-rollout-link][data-id='" + id + "']"));

        open("#/history");
        browser.click(By.cssSelector("[data-testid=history-row][data-trigger=rollback] [data-testid=history-rollout]"));
        browser.visible(By.cssSelector("[data-testid=rollout-state][data-state=aborted]"));
        assertThat(browser.driver().getCurrentUrl()).endsWith("#/rollouts/" + id);

        open("#/rollouts");
        browser.visible(By.cssSelector("[data-testid=rollout-row][data-id='" + id + "'][data-state=aborted]"));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> tool(nodeB, name).orElseThrow().description().equals("the stable words"));
    }

    @Test
    void showsTheServersRefusalBesideTheFieldItNames() {
        String name = unique("refused");
        create(nodeA, name, "stays");
        long request = openRequest(name);
        open("#/changes/" + request);
        signIn(TestNodes.ADMIN_TOKEN, "admin");
        browser.visible(By.cssSelector("[data-testid=cr-rollout] summary")).click();
        type(By.name("steps"), "50:1h, 20");
        browser.click(By.cssSelector("button[data-action=rollout]"));

        String error = browser.waitUntil(d -> {
            String text = browser.visible(By.cssSelector("[data-testid=cr-rollout]"))
                    .findElement(By.cssSelector("[data-error-for=steps]"))
                    .getText();
            return text.isEmpty() ? null : text;
        });
        assertThat(error).isNotBlank();
        assertThat(nodeA.bean(Rollouts.class).list(null, 100)).noneMatch(r -> r.changeRequestId() == request);
        assertThat(browser.driver().getCurrentUrl()).endsWith("#/changes/" + request);
    }

    /** Steps as the page marks them: done, current, later (or aborted). */
    private List<String> steps() {
        return browser.waitUntil(d -> d.findElements(By.cssSelector("[data-testid=rollout-step]")).stream()
                .map(e -> e.getAttribute("data-state"))
                .toList());
    }

    /** A draft request staging a new timeout for {@code name} (review is off: a draft may be rolled out). */
    private static long openRequest(String name) {
        ToolDraft draft = ToolDrafts.patch()
                .description("the candidate words")
                .profile("default", new Profile(900, null, null, null, null, null))
                .build();
        return nodeA.bean(ChangeRequestCore.class)
                .requests()
                .open(
                        "a slower timeout for " + name,
                        "",
                        List.of(new StagedEdit(name, StagedEdit.Action.UPSERT, draft, null)),
                        new Participant("editor", false, false))
                .id();
    }

    /** {@code count} named watch consumers in the cluster's registry, half on each node. */
    private static List<String> watchConsumers(int count) {
        Instant now = Instant.now();
        long revision = nodeA.bean(CatalogReloader.class).applied();
        List<String> ids = IntStream.rangeClosed(1, count)
                .mapToObj(i -> String.format("pipeline-%02d-%s", i, unique("c")))
                .toList();
        List<ConsumerPosition> positions = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            Node node = i % 2 == 0 ? nodeA : nodeB;
            positions.add(new ConsumerPosition(ids.get(i), node.id(), revision, now, now, null, null));
        }
        nodeA.bean(ConsumerRegistry.class).report(positions);
        return ids;
    }

    /**
     * Outcomes as the node stores what consumers report, one row per ten-second slice and side over
     * the last three minutes: the cohort a little worse than the control, within the margin.
     */
    private static void reportOutcomes(long id) {
        JdbcTemplate jdbc = nodeA.bean(JdbcTemplate.class);
        long slice = Instant.now().getEpochSecond() / 10 * 10;
        for (int i = 0; i < 18; i++) {
            Timestamp start = Timestamp.from(Instant.ofEpochSecond(slice - 10L * (17 - i)));
            long cohortFailures = 2 + (i % 5) + i / 4;
            long controlFailures = 10 + (i % 3) * 3;
            jdbc.update(
                    "INSERT INTO rollout_outcomes (rollout_id, slice_start, cohort, success, failure) VALUES (?, ?, ?, ?, ?)",
                    id,
                    start,
                    true,
                    240 - cohortFailures,
                    cohortFailures);
            jdbc.update(
                    "INSERT INTO rollout_outcomes (rollout_id, slice_start, cohort, success, failure) VALUES (?, ?, ?, ?, ?)",
                    id,
                    start,
                    false,
                    1200 - controlFailures,
                    controlFailures);
        }
    }

    /** A picture of the page in a window {@code height} tall, then the usual window again. */
    private void shoot(String name, int height) {
        browser.size(1280, height);
        browser.screenshot(OUT.resolve(name + ".png"));
        browser.size(1280, 900);
    }
}

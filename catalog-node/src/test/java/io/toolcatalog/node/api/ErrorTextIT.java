package io.toolcatalog.node.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.test.context.TestPropertySource;

/**
 * What reaches callers, stored history and log lines when things go wrong: never SQL or stack text
 * outside the log, an error id that ties the two together, and no log line a caller can forge.
 */
@ExtendWith(OutputCaptureExtension.class)
// a context of its own: the failed reload it causes must not show in other tests' statistics
@TestPropertySource(properties = "catalog.node.id=error-text")
class ErrorTextIT extends ApiTestSupport {

    private static final Pattern ERROR_ID = Pattern.compile("error id ([0-9a-f]{12})");
    private final ch.qos.logback.classic.Logger problems =
            (ch.qos.logback.classic.Logger) LoggerFactory.getLogger("io.toolcatalog.api.error");
    private Level level;

    @BeforeEach
    void logProblemsInDetail() {
        level = problems.getLevel();
        problems.setLevel(Level.DEBUG);
    }

    @AfterEach
    void restoreLevel() {
        problems.setLevel(level);
    }

    @Test
    void aFailedReloadShowsNoSqlAndCarriesTheErrorIdOfItsLogLine(CapturedOutput output) {
        jdbc.execute("ALTER TABLE tools RENAME COLUMN description TO description_gone");
        Api.Reply reply;
        try {
            reply = api.post(TOOLS + "/reload?scope=node&reason=" + unique("broken"))
                    .token(ADMIN)
                    .send();
        } finally {
            jdbc.execute("ALTER TABLE tools RENAME COLUMN description_gone TO description");
        }

        assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
        String shown = reply.json().get("error_message").asText();
        String id = errorId(shown);
        JsonNode stored = api.get(TOOLS + "/reload/history?limit=1&trigger=manual")
                .send()
                .json()
                .get("history")
                .get(0);
        assertThat(stored.get("error_message").asText()).isEqualTo(shown);
        for (String text : new String[] {shown, reply.body()}) {
            assertThat(text.toLowerCase())
                    .doesNotContain("select")
                    .doesNotContain("description_gone")
                    .doesNotContain("column")
                    .doesNotContain("sql")
                    .doesNotContain("exception:")
                    .doesNotContain("at io.");
        }
        assertThat(output.getAll().lines().filter(line -> line.contains("error id " + id)))
                .singleElement()
                .satisfies(line -> assertThat(line).contains("ERROR").contains("Reload failed"));
        assertThat(output.getAll()).contains("description");
    }

    @Test
    void callerTextWithLineBreaksCannotForgeALogLine(CapturedOutput output) {
        String forged = "x\r\n2026-01-01 ERROR forged-by-caller\nINFO forged-again";
        String query = URLEncoder.encode(forged, StandardCharsets.UTF_8);

        Api.Reply badTrigger =
                api.get(TOOLS + "/reload/history?trigger=" + query).send();
        Api.Reply badName = api.post(TOOLS)
                .token(EDITOR)
                .json(toolJson("bad\\r\\nERROR forged-by-caller", "d"))
                .send();
        Api.Reply badSince = api.get(TOOLS + "/reload/history?since=" + query).send();

        assertThat(badTrigger.status()).isEqualTo(400);
        assertThat(badName.status()).isEqualTo(400);
        assertThat(badSince.status()).isEqualTo(400);
        assertThat(output.getAll())
                .contains("forged-by-caller")
                .contains("\\r\\n")
                .doesNotContainPattern("(?m)^(2026-01-01 ERROR forged-by-caller|INFO forged-again|ERROR forged)");
    }

    private static String errorId(String text) {
        Matcher matcher = ERROR_ID.matcher(text);
        assertThat(matcher.find()).as(text).isTrue();
        return matcher.group(1);
    }
}

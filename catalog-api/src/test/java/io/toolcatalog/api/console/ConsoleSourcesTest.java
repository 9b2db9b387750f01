package io.toolcatalog.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The console's sources keep its two rules: data is text, never markup; no inline script or style. */
class ConsoleSourcesTest {

    private static final Path CONSOLE = Path.of("src/main/resources/static/console");

    @Test
    void noScriptBuildsMarkupFromStrings() throws IOException {
        List<Path> scripts = files(".js");
        assertThat(scripts).hasSizeGreaterThanOrEqualTo(10);
        for (Path script : scripts) {
            assertThat(Files.readString(script))
                    .as(script.toString())
                    .doesNotContain("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(")
                    .doesNotContainPattern("new Function\\(")
                    .doesNotContainPattern("setAttribute\\('style'");
        }
    }

    @Test
    void noScriptPutsTheTokenInAUrlOrALog() throws IOException {
        for (Path script : files(".js")) {
            assertThat(Files.readString(script))
                    .as(script.toString())
                    .doesNotContainPattern("console\\.[a-z]+\\([^)]*token")
                    .doesNotContainPattern("[?&]token=");
        }
    }

    @Test
    void thePageLoadsScriptsAndStylesFromFilesOnly() throws IOException {
        String page = Files.readString(CONSOLE.resolve("index.html"));
        assertThat(page)
                .doesNotContainPattern("<script(?![^>]*\\bsrc=)")
                .doesNotContain("<style", "style=", "onclick=", "onload=")
                .contains("src=\"app.js\"");
        assertThat(Files.readString(CONSOLE.resolve("app.js"))).contains("testid: 'token-input'");
    }

    @Test
    void thePolicyAllowsNoInlineScriptOrStyle() {
        assertThat(ConsoleHeadersFilter.POLICY)
                .contains("script-src 'self'", "style-src 'self'", "default-src 'none'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "*");
    }

    private static List<Path> files(String suffix) throws IOException {
        try (Stream<Path> files = Files.walk(CONSOLE)) {
            return files.filter(f -> f.toString().endsWith(suffix)).toList();
        }
    }
}

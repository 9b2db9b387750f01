package io.toolcatalog.node.console;

import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/** When a browser test fails, keeps what the browser showed: {@code target/console-failures/<class>.<test>.png}. */
final class ScreenshotOnFailure implements TestWatcher {

    private final Supplier<Browser> browser;

    ScreenshotOnFailure(Supplier<Browser> browser) {
        this.browser = browser;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        Browser current = browser.get();
        if (current == null) {
            return;
        }
        Path file = Path.of(
                "target",
                "console-failures",
                context.getRequiredTestClass().getSimpleName() + "."
                        + context.getRequiredTestMethod().getName() + ".png");
        try {
            current.screenshot(file);
            System.err.println("Screenshot of the failed test: " + file.toAbsolutePath());
        } catch (RuntimeException e) {
            System.err.println("Could not take a screenshot of the failed test: " + e);
        }
    }
}

package io.toolcatalog.node.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * No main class over 300 lines and no test class over 400, in any module: past that a class does
 * more than one thing, or a test class reads as setup instead of scenarios. Split it.
 */
class ClassSizesTest {

    static final int MAIN_MAX = 300;
    static final int TEST_MAX = 400;

    @Test
    void noClassIsLongerThanItsKindAllows() throws IOException {
        Map<String, Integer> tooLong = new TreeMap<>();
        int main = 0;
        for (Path file : Sources.all()) {
            String path = Sources.relative(file);
            int lines = Files.readAllLines(file).size();
            boolean isMain = path.contains("/src/main/");
            main += isMain ? 1 : 0;
            if (lines > (isMain ? MAIN_MAX : TEST_MAX)) {
                tooLong.put(path, lines);
            }
        }

        assertThat(main).as("main sources found").isGreaterThan(100);
        assertThat(tooLong)
                .as("classes over " + MAIN_MAX + " (main) or " + TEST_MAX + " (test) lines")
                .isEmpty();
    }
}

package io.toolcatalog.node.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No two types of the code base share a simple name, in any module, main or test: a name says
 * which thing it is without its package. Nested types are scoped by their owner and not counted.
 */
class SimpleNamesTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void everyTopLevelTypeHasANameOfItsOwn() throws IOException {
        Map<String, List<Path>> byName;
        try (Stream<Path> files = Files.walk(ROOT)) {
            byName = files.filter(SimpleNamesTest::isSource)
                    .collect(Collectors.groupingBy(file -> file.getFileName().toString()));
        }
        Map<String, List<Path>> shared = byName.entrySet().stream()
                .filter(entry -> entry.getValue().size() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        assertThat(byName).as("the walk found the modules' sources").containsKey("ModuleRulesTest.java");
        assertThat(shared).as("types sharing a simple name").isEmpty();
    }

    private static boolean isSource(Path file) {
        String name = file.getFileName().toString();
        String path = ROOT.relativize(file).toString();
        return name.endsWith(".java")
                && !name.equals("package-info.java")
                && path.contains("/src/")
                && !path.contains("/target/")
                && !path.startsWith(".");
    }
}

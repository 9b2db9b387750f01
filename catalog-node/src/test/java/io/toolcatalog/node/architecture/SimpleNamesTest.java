package io.toolcatalog.node.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * No two types of the code base share a simple name, in any module, main or test: a name says
 * which thing it is without its package or its owner. A private nested type is its owner's alone,
 * and a JUnit {@code @Nested} class is a group of scenarios named as a sentence; neither counts.
 */
class SimpleNamesTest {

    private static final Pattern DECLARATION =
            Pattern.compile("^\\s*((?:(?:public|protected|private|static|final|abstract|sealed|non-sealed) )*)"
                    + "(?:class|record|interface|enum) ([A-Z]\\w*)");

    @Test
    void everyTopLevelTypeHasANameOfItsOwn() throws IOException {
        Map<String, List<Path>> byName = Sources.all().stream()
                .collect(Collectors.groupingBy(file -> file.getFileName().toString()));
        Map<String, List<Path>> shared = byName.entrySet().stream()
                .filter(entry -> entry.getValue().size() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

        assertThat(byName).as("the walk found the modules' sources").containsKey("ModuleRulesTest.java");
        assertThat(shared).as("types sharing a simple name").isEmpty();
    }

    @Test
    void everyTypeOthersCanNameHasANameOfItsOwn() throws IOException {
        Map<String, List<String>> byName = new TreeMap<>();
        for (Path file : Sources.all()) {
            List<String> lines = Files.readAllLines(file);
            for (int i = 0; i < lines.size(); i++) {
                Matcher declaration = DECLARATION.matcher(lines.get(i));
                if (declaration.find() && !declaration.group(1).contains("private") && !nestedScenarios(lines, i)) {
                    byName.computeIfAbsent(declaration.group(2), name -> new ArrayList<>())
                            .add(Sources.relative(file) + ":" + (i + 1));
                }
            }
        }
        byName.values().removeIf(places -> places.size() < 2);

        assertThat(byName).as("types sharing a simple name").isEmpty();
    }

    /** Whether the annotations above line {@code i} make it a JUnit {@code @Nested} class. */
    private static boolean nestedScenarios(List<String> lines, int i) {
        for (int above = i - 1; above >= 0 && lines.get(above).strip().startsWith("@"); above--) {
            if (lines.get(above).strip().startsWith("@Nested")) {
                return true;
            }
        }
        return false;
    }
}

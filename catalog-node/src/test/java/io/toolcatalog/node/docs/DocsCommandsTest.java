package io.toolcatalog.node.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.node.docs.DocBlocks.Block;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every command the README and docs/ show is run by something: each shell block carries a tag that
 * says what, and this test holds the tag to it. {@code run-by: DocsExamplesIT} blocks are run by
 * that test; {@code run-by: <script>} blocks must be in the script, and the script run by .ci/run;
 * {@code runs-test: <Test>} blocks must name tests and modules that exist; {@code not-run: <why>}
 * is only for the programs listed below. Relative links must point at files and headings that exist.
 */
class DocsCommandsTest {

    /** Commands that cannot run in CI (they need Docker, Kubernetes, your own servers, or minutes of load). */
    static final List<String> NOT_RUN_ALLOWED =
            List.of("docker ", "kubectl ", "bench/run", "java -jar ", "./mvnw -B package -DskipTests");

    /** A line that reads as a command in a fence that does not say it is shell. */
    private static final Pattern COMMAND_LINE =
            Pattern.compile("^(\\$ |curl |\\./|mvn |docker |kubectl |java -jar |bench/|deploy/[\\w-]+\\.sh)");

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s#]*)(?:#([^)\\s]*))?\\)");
    private static final Pattern ENV = Pattern.compile("^[A-Z_][A-Z0-9_]*=\\S*$");
    private static final Pattern TEST_SELECTION = Pattern.compile("-D(?:it\\.)?test=(\\S+)");
    private static final Pattern MODULES = Pattern.compile("(?:^| )-pl ([\\w,.-]+)");

    private final Path root = DocBlocks.root();

    @Test
    void everyShellBlockSaysWhatRunsItAndIsRunByIt() {
        List<String> problems = new ArrayList<>();
        for (Path doc : DocBlocks.documents(root)) {
            for (Block block : DocBlocks.of(root, doc)) {
                problems.addAll(problems(block));
            }
        }
        assertThat(problems).as("docs commands that nothing runs").isEmpty();
    }

    @Test
    void relativeLinksPointAtFilesAndHeadingsThatExist() {
        List<String> broken = new ArrayList<>();
        for (Path doc : DocBlocks.documents(root)) {
            String text = withoutFences(DocBlocks.read(root.resolve(doc)));
            Matcher link = LINK.matcher(text);
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-z]+:.*")) {
                    continue;
                }
                Path file = target.isEmpty() ? doc : doc.resolveSibling(target).normalize();
                if (!Files.exists(root.resolve(file))) {
                    broken.add(doc + ": " + link.group() + " (no file " + file + ")");
                } else if (link.group(2) != null
                        && file.toString().endsWith(".md")
                        && !anchors(file).contains(link.group(2))) {
                    broken.add(doc + ": " + link.group() + " (no heading #" + link.group(2) + " in " + file + ")");
                }
            }
        }
        assertThat(broken).as("broken links").isEmpty();
    }

    /** What is wrong with one block; nothing when it is fine. */
    List<String> problems(Block block) {
        if (!block.isShell()) {
            return block.commands().stream()
                    .filter(c -> COMMAND_LINE.matcher(c).find())
                    .map(c -> block.where() + ": a command in a ```" + block.language()
                            + " block, which hides it from this check: make it ```bash and tag it (" + c + ")")
                    .toList();
        }
        if (block.tag() == null) {
            return List.of(block.where()
                    + ": a shell block without <!-- run-by: … -->, <!-- runs-test: … --> or <!-- not-run: … -->");
        }
        String value = block.tag().value();
        return switch (block.tag().kind()) {
            case "run-by" -> value.equals("DocsExamplesIT") ? List.of() : inScript(block, value);
            case "runs-test" -> runsTest(block, value);
            case "not-run" -> notRun(block, value);
            default -> List.of(block.where() + ": unknown tag " + block.tag().kind());
        };
    }

    /** Every command of the block appears in the script (settings and -B aside), and .ci/run runs the script. */
    private List<String> inScript(Block block, String script) {
        Path path = root.resolve(script);
        if (!Files.isRegularFile(path)) {
            return List.of(block.where() + ": run-by names " + script + ", which is not a file");
        }
        List<String> problems = new ArrayList<>();
        String ciRun = read(root.resolve(".ci/run"));
        if (!script.equals(".ci/run") && !ciRun.contains(script)) {
            problems.add(block.where() + ": " + script + " is not called by .ci/run");
        }
        String scriptText = normalised(read(path));
        for (String command : block.commands()) {
            List<String> words = new ArrayList<>(Arrays.asList(command.split(" ")));
            while (!words.isEmpty() && ENV.matcher(words.get(0)).matches()) {
                String setting = words.remove(0);
                if (!scriptText.contains(setting)) {
                    problems.add(block.where() + ": " + script + " does not set " + setting);
                }
            }
            String rest = normalised(String.join(" ", words));
            if (!rest.isEmpty() && !scriptText.contains(rest)) {
                problems.add(block.where() + ": " + script + " does not run `" + rest + "`");
            }
        }
        return problems;
    }

    /** Maven commands that run the named test: it and every module and test they name exist. */
    private List<String> runsTest(Block block, String test) {
        List<String> problems = new ArrayList<>();
        Set<String> selected = block.commands().stream()
                .flatMap(c -> TEST_SELECTION.matcher(c).results().map(m -> m.group(1)))
                .flatMap(s -> Arrays.stream(s.split(",")))
                .filter(s -> !s.equals("none"))
                .collect(Collectors.toSet());
        if (!selected.contains(test)) {
            problems.add(
                    block.where() + ": runs-test names " + test + ", which no -Dtest / -Dit.test of the block selects");
        }
        for (String name : selected) {
            if (testSource(name) == null) {
                problems.add(block.where() + ": no test class " + name);
            }
        }
        for (String command : block.commands()) {
            Matcher modules = MODULES.matcher(command);
            while (modules.find()) {
                for (String module : modules.group(1).split(",")) {
                    if (!Files.isRegularFile(root.resolve(module).resolve("pom.xml"))) {
                        problems.add(block.where() + ": no module " + module);
                    }
                }
            }
        }
        return problems;
    }

    private List<String> notRun(Block block, String why) {
        List<String> problems = new ArrayList<>();
        if (why.isBlank()) {
            problems.add(block.where() + ": not-run without a reason");
        }
        for (String command : block.commands()) {
            String program = Arrays.stream(command.split(" "))
                    .dropWhile(w -> ENV.matcher(w).matches())
                    .collect(Collectors.joining(" "));
            if (NOT_RUN_ALLOWED.stream().noneMatch(program::startsWith)) {
                problems.add(block.where() + ": `" + program
                        + "` must be run by a test or .ci/run (not-run is only for " + NOT_RUN_ALLOWED + ")");
            }
        }
        return problems;
    }

    /** The test class's source in any module's src/test/java, or null. */
    private Path testSource(String className) {
        try (Stream<Path> modules = Files.list(root)) {
            for (Path tests : modules.map(m -> m.resolve("src/test/java"))
                    .filter(Files::isDirectory)
                    .toList()) {
                try (Stream<Path> files = Files.walk(tests)) {
                    Path found = files.filter(f -> f.getFileName().toString().equals(className + ".java"))
                            .findFirst()
                            .orElse(null);
                    if (found != null) {
                        return found;
                    }
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The anchors GitHub makes of a document's headings. */
    private Set<String> anchors(Path doc) {
        return DocBlocks.read(root.resolve(doc)).stream()
                .filter(l -> l.startsWith("#"))
                .map(l -> l.replaceFirst("^#+\\s*", "")
                        .strip()
                        .toLowerCase()
                        .replaceAll("[^\\p{L}\\p{N} _-]", "")
                        .replace(' ', '-'))
                .collect(Collectors.toSet());
    }

    private static String withoutFences(List<String> lines) {
        StringBuilder text = new StringBuilder();
        boolean inFence = false;
        for (String line : lines) {
            if (line.strip().startsWith("```")) {
                inFence = !inFence;
            } else if (!inFence) {
                text.append(line).append('\n');
            }
        }
        return text.toString();
    }

    private static String normalised(String text) {
        return text.replace("\\\n", " ").replaceAll("\\s+", " ").replace(" -B ", " ");
    }

    private static String read(Path file) {
        return String.join("\n", DocBlocks.read(file));
    }
}

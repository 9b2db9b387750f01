package io.toolcatalog.node.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.toolcatalog.node.docs.DocBlocks.Block;
import io.toolcatalog.node.testing.TestNodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the curl examples of the README and docs/ as a reader would: every block tagged
 * {@code <!-- run-by: DocsExamplesIT -->}, in document order, in one bash per document, against a
 * fresh node of its own (a new schema, so a document's examples start from an empty catalog). Only
 * the address changes: {@code localhost:8080} becomes the node's, and {@code .data/admin-token} in
 * the working directory holds the node's admin token, as {@code spring-boot:run} would leave it.
 * Any 4xx or 5xx answer fails the document with the block it came from.
 */
class DocsExamplesIT {

    /** Strict bash; a curl that fails on 4xx/5xx and talks to the test's node; streams are cut after 2 s. */
    private static final String PRELUDE =
            """
            set -Eeuo pipefail
            trap 'echo "FAILED: the block at $DOCS_BLOCK (exit $?)" >&2' ERR
            curl() {
              local args=() arg streaming=false rc=0
              for arg in "$@"; do
                [[ $arg == -N ]] && streaming=true
                args+=("${arg//localhost:8080/$DOCS_NODE}")
              done
              if $streaming; then
                command curl -sS --fail-with-body --max-time 2 "${args[@]}" || rc=$?
                ((rc == 0 || rc == 28)) || return "$rc"   # 28: cut after 2 s, as meant
              else
                command curl -sS --fail-with-body --max-time 30 "${args[@]}"
              fi
            }
            """;

    static final String WEBHOOK_SECRET = "change-me"; // the secret docs/api.md signs with

    /** The webhook's secret, and bob, the approver docs/change-requests.md names (token "bob-token"). */
    static final Map<String, String> DOCS_NODE_SETTINGS = Map.of(
            "catalog.webhook.secret", WEBHOOK_SECRET,
            "catalog.security.tokens[0].principal", "bob",
            "catalog.security.tokens[0].role", "approver",
            "catalog.security.tokens[0].sha256", "97dd3707015dcf069cf73022ed7173b1165db6eff24b441cb57fd069a8c4e525");

    @TempDir
    Path work;

    @TestFactory
    Stream<DynamicTest> everyTaggedBlockRunsAgainstAFreshNode() {
        Path root = DocBlocks.root();
        List<Path> documents = DocBlocks.documents(root).stream()
                .filter(doc -> !blocksOf(root, doc).isEmpty())
                .toList();
        assertThat(documents)
                .as("documents with examples run here")
                .contains(Path.of("README.md"), Path.of("docs/api.md"));
        return documents.stream()
                .map(doc -> DynamicTest.dynamicTest(doc.toString(), () -> runAll(doc, blocksOf(root, doc))));
    }

    private static List<Block> blocksOf(Path root, Path doc) {
        return DocBlocks.of(root, doc).stream()
                .filter(b -> b.isShell()
                        && b.tag() != null
                        && b.tag().kind().equals("run-by")
                        && b.tag().value().equals("DocsExamplesIT"))
                .toList();
    }

    private void runAll(Path doc, List<Block> blocks) throws Exception {
        Path dir = Files.createDirectories(work.resolve(doc.toString().replace('/', '_')));
        Files.createDirectories(dir.resolve(".data"));
        Files.writeString(dir.resolve(".data/admin-token"), TestNodes.ADMIN_TOKEN + "\n");
        StringBuilder script = new StringBuilder(PRELUDE);
        for (Block block : blocks) {
            script.append("\nDOCS_BLOCK='").append(block.where()).append("'\n").append(block.text());
        }
        Path file = Files.writeString(dir.resolve("examples.sh"), script);

        try (TestNodes.Node node = TestNodes.alone("docs-node", DOCS_NODE_SETTINGS)) {
            ProcessBuilder run = new ProcessBuilder("bash", file.toString())
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("output.txt").toFile());
            run.environment().put("DOCS_NODE", "127.0.0.1:" + node.port());
            Process bash = run.start();
            boolean finished = bash.waitFor(3, TimeUnit.MINUTES);
            if (!finished) {
                bash.destroyForcibly();
            }
            String output = Files.readString(dir.resolve("output.txt"));
            assertThat(finished).as("%s's examples finish:%n%s", doc, output).isTrue();
            assertThat(bash.exitValue())
                    .as("%s's examples against %s:%n%s", doc, node.baseUrl(), output)
                    .isZero();
        }
    }
}

package io.toolcatalog.node.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The fenced code blocks of the README and of {@code docs/*.md}, each with the tag on the line
 * before it that says what runs it ({@code <!-- run-by: DocsExamplesIT -->} and the like).
 */
final class DocBlocks {

    static final Set<String> SHELL = Set.of("bash", "sh", "shell", "console", "zsh");

    private static final Pattern FENCE = Pattern.compile("^(\\s*)```\\s*([\\w-]*)\\s*$");
    private static final Pattern TAG = Pattern.compile("^<!--\\s*([a-z-]+):\\s*(.*?)\\s*-->$");

    /** One fenced block: where it starts (1-based line of the fence), its language, tag and text. */
    record Block(Path file, int line, String language, Tag tag, String text) {

        boolean isShell() {
            return SHELL.contains(language);
        }

        /** Where it is, as an editor opens it. */
        String where() {
            return file + ":" + line;
        }

        /**
         * Its commands: continuation lines joined, comments and blank lines dropped. A {@code #}
         * starts a comment only at the start of a word outside quotes.
         */
        List<String> commands() {
            List<String> commands = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String raw : text.split("\n")) {
                String line = withoutComment(raw).strip();
                boolean continues = line.endsWith("\\");
                current.append(continues ? line.substring(0, line.length() - 1) : line)
                        .append(' ');
                if (!continues) {
                    String command = current.toString().strip().replaceAll("\\s+", " ");
                    if (!command.isEmpty()) {
                        commands.add(command);
                    }
                    current.setLength(0);
                }
            }
            return commands;
        }
    }

    /** {@code <!-- kind: value -->}, or none when the line before the block is no such comment. */
    record Tag(String kind, String value) {}

    private DocBlocks() {}

    /** The repository's root: the directory holding README.md and .ci, from the module or the root. */
    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.exists(dir.resolve("README.md")) && Files.isDirectory(dir.resolve(".ci"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root above " + here);
    }

    /** README.md and every docs/*.md, relative to the root. */
    static List<Path> documents(Path root) {
        List<Path> docs = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> files = Files.list(root.resolve("docs"))) {
            files.filter(f -> f.toString().endsWith(".md")).sorted().forEach(f -> docs.add(root.relativize(f)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return docs;
    }

    static List<Block> of(Path root, Path document) {
        List<String> lines = read(root.resolve(document));
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher open = FENCE.matcher(lines.get(i));
            if (!open.matches()) {
                continue;
            }
            String indent = open.group(1);
            int start = i;
            StringBuilder text = new StringBuilder();
            for (i++; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
                String line = lines.get(i);
                text.append(line.startsWith(indent) ? line.substring(indent.length()) : line)
                        .append('\n');
            }
            blocks.add(new Block(document, start + 1, open.group(2), tagBefore(lines, start), text.toString()));
        }
        return blocks;
    }

    static List<String> read(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Tag tagBefore(List<String> lines, int fence) {
        int i = fence - 1;
        while (i >= 0 && lines.get(i).isBlank()) {
            i--;
        }
        if (i < 0) {
            return null;
        }
        Matcher tag = TAG.matcher(lines.get(i).strip());
        return tag.matches() ? new Tag(tag.group(1), tag.group(2)) : null;
    }

    private static String withoutComment(String line) {
        boolean single = false;
        boolean dbl = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'' && !dbl) {
                single = !single;
            } else if (c == '"' && !single) {
                dbl = !dbl;
            } else if (c == '#' && !single && !dbl && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return line.substring(0, i);
            }
        }
        return line;
    }
}

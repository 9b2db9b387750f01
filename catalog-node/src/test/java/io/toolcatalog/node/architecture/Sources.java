package io.toolcatalog.node.architecture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Every Java source file of the code base, in every module, main and test (not what a build generated). */
final class Sources {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private Sources() {}

    static List<Path> all() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(Sources::isSource).toList();
        }
    }

    static String relative(Path file) {
        return ROOT.relativize(file).toString();
    }

    private static boolean isSource(Path file) {
        String name = file.getFileName().toString();
        String path = relative(file);
        return name.endsWith(".java")
                && !name.equals("package-info.java")
                && path.contains("/src/")
                && !path.contains("/target/")
                && !path.startsWith(".");
    }
}

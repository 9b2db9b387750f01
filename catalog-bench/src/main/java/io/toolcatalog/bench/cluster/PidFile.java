package io.toolcatalog.bench.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** The pids of the processes the harness started, one a line, for bench/run's cleanup trap. */
final class PidFile {

    private PidFile() {}

    static synchronized void add(long pid) {
        String file = System.getenv("BENCH_PID_FILE");
        if (file == null || file.isBlank()) {
            return;
        }
        try {
            Files.writeString(Path.of(file), pid + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            // the shutdown hook still stops it
        }
    }
}

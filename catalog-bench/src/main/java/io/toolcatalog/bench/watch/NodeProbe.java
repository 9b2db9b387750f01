package io.toolcatalog.bench.watch;

import io.toolcatalog.testsupport.ChildProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** What the harness reads of a node process from outside: heap after a full GC, CPU, open files, a class histogram. */
final class NodeProbe {

    private NodeProbe() {}

    /** The node's used heap right after a full GC, in bytes ({@code jcmd}). */
    static long heapAfterGc(long pid) {
        ChildProcesses.jcmd(pid, "GC.run");
        Matcher m = Pattern.compile("used (\\d+)K").matcher(ChildProcesses.jcmd(pid, "GC.heap_info"));
        if (!m.find()) {
            throw new IllegalStateException("jcmd GC.heap_info: no 'used'");
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    /** The first {@code lines} lines of {@code jcmd GC.class_histogram} (largest classes first). */
    static String histogram(long pid, int lines) {
        return String.join(
                "\n",
                ChildProcesses.jcmd(pid, "GC.class_histogram")
                        .lines()
                        .limit(lines)
                        .toList());
    }

    /** User + system CPU of the process so far, in clock ticks (1/100 s). */
    static long cpuTicks(long pid) {
        try {
            return ticksOf(Files.readString(Path.of("/proc/" + pid + "/stat")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** User + system ticks of a {@code stat} line of a process or a thread (the fields after its name). */
    private static long ticksOf(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** User and system CPU ticks of each of the process's threads, summed by name with digits dropped. */
    static Map<String, Long> threadTicksByName(long pid) {
        Map<String, Long> ticks = new HashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .replaceAll("[0-9]", "");
                    ticks.merge(name, ticksOf(stat), Long::sum);
                } catch (IOException e) {
                    // the thread ended while being read
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ticks;
    }

    /** The {@code limit} threads (by name) that used most CPU between two readings, as "name=ms ...". */
    static String busiestThreads(Map<String, Long> before, Map<String, Long> after, int limit) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), e.getValue() - before.getOrDefault(e.getKey(), 0L)))
                .filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(limit)
                .map(e -> e.getKey() + "=" + e.getValue() * 10 + "ms")
                .collect(Collectors.joining(" "));
    }

    /** The machine's busy and total CPU ticks so far, all cores ({@code /proc/stat}). */
    static long[] machineTicks() {
        try {
            String[] fields =
                    Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]); // idle and iowait
            return new long[] {total - idle, total};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The process's resident memory (heap, off-heap buffers, threads, code), in bytes. */
    static long residentBytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
            throw new IllegalStateException("/proc/" + pid + "/status: no VmRSS");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many files (sockets included) the process has open. */
    static long openFiles(long pid) {
        try (Stream<Path> fds = Files.list(Path.of("/proc/" + pid + "/fd"))) {
            return fds.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

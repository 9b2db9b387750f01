package io.toolcatalog.client;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/**
 * The default consumer id, {@code <application>-<host>}: the same every time the application
 * restarts on a host, so the nodes' consumer list shows one entry per pipeline, not one per process.
 */
final class ConsumerIds {

    private ConsumerIds() {}

    /** The id for {@code applicationName} ({@code null}: the JVM's main class or jar) on this host. */
    static String stable(String applicationName) {
        String application = applicationName == null ? mainName() : applicationName;
        return sanitized(application + "-" + hostName());
    }

    /** {@code id} in the characters a consumer id may hold (letters, digits, {@code . _ -}), at most 128. */
    static String sanitized(String id) {
        String clean = id.replaceAll("[^A-Za-z0-9._-]", "-");
        return clean.length() > 128 ? clean.substring(0, 128) : clean;
    }

    /** The main class's simple name or the jar's name without {@code .jar}, from the command the JVM was started with. */
    static String mainName() {
        String command = System.getProperty("sun.java.command", "").trim();
        if (command.isEmpty()) {
            return "java";
        }
        String main = command.split("\\s+")[0];
        if (main.endsWith(".jar")) {
            String file = Path.of(main).getFileName().toString();
            return file.substring(0, file.length() - ".jar".length());
        }
        return main.substring(main.lastIndexOf('.') + 1);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}

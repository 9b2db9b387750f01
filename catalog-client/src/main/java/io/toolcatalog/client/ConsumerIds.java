package io.toolcatalog.client;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * How a client names itself to the nodes. The default consumer id is {@code <application>-<host>}:
 * the same every time the application restarts on a host, so the nodes' consumer list shows one
 * entry per pipeline, not one per process. Labels travel as {@code k=v,k2=v2}.
 */
final class ConsumerIds {

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9._/-]{1,128}");

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

    /** {@code labels} as the header carries them, {@code k=v,k2=v2}. */
    static String labelsHeader(Map<String, String> labels) {
        StringJoiner header = new StringJoiner(",");
        labels.forEach((key, value) -> header.add(key + "=" + value));
        return header.toString();
    }

    /** A copy of {@code labels} in order, refusing keys and values the header cannot carry. */
    static Map<String, String> checkedLabels(Map<String, String> labels) {
        Map<String, String> copy = new LinkedHashMap<>();
        labels.forEach((key, value) -> {
            if (key == null
                    || !LABEL.matcher(key).matches()
                    || value == null
                    || !LABEL.matcher(value).matches()) {
                throw new IllegalArgumentException("label " + key + "=" + value
                        + " may hold letters, digits, '.', '_', '-' and '/' only, 1 to 128 of them");
            }
            copy.put(key, value);
        });
        return Collections.unmodifiableMap(copy);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }
}

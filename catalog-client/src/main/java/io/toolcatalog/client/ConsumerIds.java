package io.toolcatalog.client;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * How a client names itself to the nodes. The default consumer id is {@code <application>-<host>}:
 * the same every time the application restarts on a host, so the nodes' consumer list shows one
 * entry per pipeline, not one per process. Labels travel as {@code k=v,k2=v2}, keys sorted, and
 * are checked by the rules the nodes apply, so a bad label fails at build time rather than as a
 * 400 on every request.
 */
final class ConsumerIds {

    /** The most labels a consumer may carry. */
    static final int MAX_LABELS = 16;

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@/-]{1,128}");
    private static final Pattern LABEL_KEY = Pattern.compile("[a-z0-9._-]{1,63}");
    private static final Pattern LABEL_VALUE = Pattern.compile("[A-Za-z0-9._-]{1,63}");

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

    /** {@code id} when the nodes accept it as {@code X-Catalog-Consumer}. */
    static String checkedId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("consumerId '" + id
                    + "' may hold letters, digits, '.', '_', ':', '@', '/' and '-' only, 1 to 128 of them");
        }
        return id;
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

    /** {@code labels} as the header carries them, {@code k=v,k2=v2}, keys sorted. */
    static String labelsHeader(Map<String, String> labels) {
        StringJoiner header = new StringJoiner(",");
        new TreeMap<>(labels).forEach((key, value) -> header.add(key + "=" + value));
        return header.toString();
    }

    /**
     * A sorted copy of {@code labels}, refusing what the nodes refuse: more than 16 labels, a key
     * other than 1 to 63 of {@code a-z 0-9 . _ -}, a value other than 1 to 63 of {@code A-Z a-z
     * 0-9 . _ -}. The exception names the label.
     */
    static Map<String, String> checkedLabels(Map<String, String> labels) {
        if (labels.size() > MAX_LABELS) {
            throw new IllegalArgumentException(
                    "labels: at most " + MAX_LABELS + " labels, " + labels.size() + " given " + labels.keySet());
        }
        Map<String, String> copy = new TreeMap<>();
        labels.forEach((key, value) -> {
            if (key == null || !LABEL_KEY.matcher(key).matches()) {
                throw new IllegalArgumentException("label '" + key
                        + "': a key holds lower-case letters, digits, '.', '_' and '-' only, 1 to 63 of them");
            }
            if (value == null || !LABEL_VALUE.matcher(value).matches()) {
                throw new IllegalArgumentException("label '" + key + "' has the value '" + value
                        + "': a value holds letters, digits, '.', '_' and '-' only, 1 to 63 of them");
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

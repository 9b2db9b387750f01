package io.toolcatalog.core.cohort;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Who reads the catalog, as far as a rollout cares: the consumer's id and its labels. A consumer
 * without an id is in no cohort and sees the stable catalog.
 */
public record ConsumerIdentity(String id, Map<String, String> labels) {

    public static final ConsumerIdentity ANONYMOUS = new ConsumerIdentity(null, Map.of());

    public static final String ID_HEADER = "X-Catalog-Consumer";
    public static final String LABELS_HEADER = "X-Catalog-Consumer-Labels";

    static final int MAX_LABELS = 16;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._:@/-]{1,128}");
    private static final Pattern KEY = Pattern.compile("[a-z0-9._-]{1,63}");
    private static final Pattern VALUE = Pattern.compile("[A-Za-z0-9._-]{1,63}");

    public ConsumerIdentity {
        labels = labels == null ? Map.of() : Map.copyOf(labels);
    }

    /**
     * The identity a request names in its headers; throws {@link IllegalArgumentException} whose
     * message starts with the header at fault.
     */
    public static ConsumerIdentity parse(String id, String labelsHeader) {
        if (id != null && !id.isEmpty() && !ID.matcher(id).matches()) {
            throw new IllegalArgumentException(ID_HEADER + " must be 1 to 128 of A-Z a-z 0-9 . _ : @ / -");
        }
        Map<String, String> labels = parseLabels(labelsHeader);
        return new ConsumerIdentity(id == null || id.isEmpty() ? null : id, labels);
    }

    /** Labels as the header writes them: {@code k=v,k2=v2}; empty or null is none. */
    public static Map<String, String> parseLabels(String header) {
        Map<String, String> labels = new TreeMap<>();
        if (header == null || header.isBlank()) {
            return labels;
        }
        for (String pair : header.split(",", -1)) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair.trim() : pair.substring(0, eq).trim();
            String value = eq < 0 ? "" : pair.substring(eq + 1).trim();
            if (!KEY.matcher(key).matches() || !VALUE.matcher(value).matches()) {
                throw new IllegalArgumentException(
                        LABELS_HEADER
                                + " must be k=v pairs separated by commas (key a-z 0-9 . _ -, value A-Z a-z 0-9 . _ -, each at most 63)");
            }
            if (labels.put(key, value) != null) {
                throw new IllegalArgumentException(LABELS_HEADER + " names '" + key + "' twice");
            }
        }
        if (labels.size() > MAX_LABELS) {
            throw new IllegalArgumentException(LABELS_HEADER + " has more than " + MAX_LABELS + " labels");
        }
        return labels;
    }

    /** Checks labels a rollout's cohort selects on, as the header would; throws naming the label. */
    public static void requireValidLabels(Map<String, String> labels, String field) {
        if (labels.size() > MAX_LABELS) {
            throw new IllegalArgumentException(field + " has more than " + MAX_LABELS + " labels");
        }
        labels.forEach((k, v) -> {
            if (k == null
                    || v == null
                    || !KEY.matcher(k).matches()
                    || !VALUE.matcher(v).matches()) {
                throw new IllegalArgumentException(
                        field + "." + k + " is not a valid label (key a-z 0-9 . _ -, value A-Z a-z 0-9 . _ -)");
            }
        });
    }

    public boolean anonymous() {
        return id == null;
    }

    /** Whether this consumer carries every label of {@code selector}. */
    public boolean matches(Map<String, String> selector) {
        for (Map.Entry<String, String> wanted : selector.entrySet()) {
            if (!wanted.getValue().equals(labels.get(wanted.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** The labels header's value for these labels (sorted keys); empty when none. */
    public String labelsHeader() {
        return new TreeMap<>(labels)
                .entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }
}

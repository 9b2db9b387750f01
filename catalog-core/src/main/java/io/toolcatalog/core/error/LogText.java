package io.toolcatalog.core.error;

/**
 * Caller-supplied text made safe for one log line: CR, LF and every other control character are
 * written as escapes, so a name or header cannot forge a log entry; very long text is cut.
 */
public final class LogText {

    private static final int MAX = 512;

    private LogText() {}

    public static String escape(Object value) {
        if (value == null) {
            return "null";
        }
        String text = value.toString();
        StringBuilder out = null;
        int end = Math.min(text.length(), MAX);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            String replacement = replacement(c);
            if (replacement != null && out == null) {
                out = new StringBuilder(end + 16).append(text, 0, i);
            }
            if (out != null) {
                out.append(replacement != null ? replacement : String.valueOf(c));
            }
        }
        String escaped = out == null ? text.substring(0, end) : out.toString();
        return text.length() > MAX ? escaped + "…" : escaped;
    }

    private static String replacement(char c) {
        return switch (c) {
            case '\r' -> "\\r";
            case '\n' -> "\\n";
            case '\t' -> "\\t";
            default ->
                Character.isISOControl(c) || c == '\u2028' || c == '\u2029' ? String.format("\\u%04x", (int) c) : null;
        };
    }
}

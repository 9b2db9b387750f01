package io.toolcatalog.core.error;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;

/**
 * A failure told apart for two readers: the operator's log gets the whole story once (message,
 * stack, SQL), and callers or stored history get a short summary carrying the same {@code id}, so
 * one can be found from the other without ever showing SQL or stack text outside the log.
 *
 * @param id a short random id, printed in the log line and in {@link #message()}
 * @param summary what failed, in words chosen by the code (never an exception's own text)
 */
public record Incident(String id, String summary) {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Logs {@code summary} with {@code cause}'s stack at ERROR under a new id, and returns the incident. */
    public static Incident report(Logger log, String summary, Throwable cause) {
        Incident incident = new Incident(newId(), summary);
        log.error("{} (error id {})", LogText.escape(summary), incident.id(), cause);
        return incident;
    }

    /** What a caller or the history may show: the summary and the id to quote. */
    public String message() {
        return summary + " (error id " + id + ")";
    }

    private static String newId() {
        byte[] bytes = new byte[6];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}

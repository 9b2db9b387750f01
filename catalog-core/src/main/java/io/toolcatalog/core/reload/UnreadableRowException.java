package io.toolcatalog.core.reload;

/**
 * A row a reload read (or was handed) that readers could not serve: its stored profiles do not
 * parse. The reload fails before its snapshot is swapped in, so the last good one keeps serving,
 * and the failure names the tool.
 */
final class UnreadableRowException extends RuntimeException {

    private final String toolName;

    UnreadableRowException(String toolName, RuntimeException cause) {
        super("tool '" + toolName + "' cannot be served: its stored content cannot be read", cause);
        this.toolName = toolName;
    }

    String toolName() {
        return toolName;
    }
}

package io.toolcatalog.api.security;

/** How the tokens file fares since the node started. */
public interface TokensFileStatus {

    /** No tokens file configured. */
    TokensFileStatus NONE = new TokensFileStatus() {
        @Override
        public long rejectedChanges() {
            return 0;
        }

        @Override
        public int namedTokens() {
            return 0;
        }
    };

    /** Changes to the file that were refused (unreadable or invalid), the last good set kept. */
    long rejectedChanges();

    /** Named tokens the node accepts from the file now. */
    int namedTokens();
}

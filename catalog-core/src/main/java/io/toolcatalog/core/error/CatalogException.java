package io.toolcatalog.core.error;

/** The catalog's own failures; the HTTP layer maps each subtype to one status. */
public abstract sealed class CatalogException extends RuntimeException
        permits ToolNotFoundException,
                ToolAlreadyExistsException,
                VersionConflictException,
                InvalidToolException,
                SchemaViolationException,
                RevisionNotReachedException,
                RevisionNotCommittedException,
                DatabaseUnavailableException,
                StagedConflictException,
                ChangeRequestException,
                RevertRefusedException,
                RolloutException {

    CatalogException(String message) {
        super(message);
    }

    CatalogException(String message, Throwable cause) {
        super(message, cause);
    }
}

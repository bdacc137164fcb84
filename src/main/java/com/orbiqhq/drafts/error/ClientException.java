package com.orbiqhq.drafts.error;

/**
 * A request the service refuses because of the request itself (4xx). Retrying the same request cannot succeed,
 * except for {@link ErrorCode#CONFLICT}, which clears once the first request completes.
 *
 * <p>No stack trace is captured: these are expected outcomes, not failures.
 */
public final class ClientException extends ApiException {
    public static final String SOURCE_NOT_FOUND = "source_version_id must refer to an existing version.";

    private ClientException(ErrorCode errorCode, String message) {
        super(errorCode, message, null);
    }

    public static ClientException validation(String message) {
        return new ClientException(ErrorCode.VALIDATION_FAILED, message);
    }

    public static ClientException unauthorized() {
        return new ClientException(ErrorCode.UNAUTHORIZED, "Authentication required.");
    }

    public static ClientException forbidden() {
        return new ClientException(ErrorCode.FORBIDDEN, "Not allowed to create document versions.");
    }

    public static ClientException documentNotFound() {
        return new ClientException(ErrorCode.NOT_FOUND, "Document not found.");
    }

    public static ClientException sourceNotFound() {
        return validation(SOURCE_NOT_FOUND);
    }

    public static ClientException nothingPromoted() {
        return validation("The document has no promoted version to clone; give source_version_id.");
    }

    public static ClientException idempotencyInFlight() {
        return new ClientException(ErrorCode.CONFLICT, "A request with this Idempotency-Key is still in progress.");
    }

    public static ClientException idempotencyKeyReused() {
        return new ClientException(ErrorCode.IDEMPOTENCY_KEY_REUSED,
                "Idempotency-Key was already used with a different request body.");
    }

    public static ClientException payloadTooLarge(int limitBytes) {
        return new ClientException(ErrorCode.PAYLOAD_TOO_LARGE,
                "Request body must be at most " + limitBytes + " bytes.");
    }

    public static ClientException unsupportedMediaType() {
        return new ClientException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json.");
    }
}

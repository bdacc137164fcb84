package com.orbiqhq.drafts.error;

/**
 * A request the service could not complete through its own fault or its dependencies' (5xx). The message is
 * fixed per code: the cause is kept for the logs and never reaches a client.
 */
public final class ServiceException extends ApiException {
    /** Seconds a client should wait before retrying after {@link ErrorCode#SERVICE_UNAVAILABLE}. */
    public static final int RETRY_AFTER_SECONDS = 2;

    private ServiceException(ErrorCode errorCode, String message, Throwable cause) {
        super(errorCode, message, cause);
    }

    /** The database throttled, timed out or could not be reached, even after retries. */
    public static ServiceException unavailable(String reason, Throwable cause) {
        return new ServiceException(ErrorCode.SERVICE_UNAVAILABLE, reason, cause);
    }

    /** Anything unexpected. */
    public static ServiceException internal(Throwable cause) {
        return new ServiceException(ErrorCode.INTERNAL_ERROR, "unexpected failure", cause);
    }

    @Override
    public String publicMessage() {
        return errorCode() == ErrorCode.SERVICE_UNAVAILABLE
                ? "The service is temporarily unavailable; retry later."
                : "Unexpected server error.";
    }

    /** What went wrong, for the logs only. */
    public String reason() {
        return getMessage();
    }
}

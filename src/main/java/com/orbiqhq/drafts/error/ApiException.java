package com.orbiqhq.drafts.error;

/**
 * The one exception family the API answers with. Each carries the {@link ErrorCode} that decides its status
 * and wire code, and the message a client may see.
 *
 * <p>Client faults ({@link ClientException}) and our own faults ({@link ServiceException}) are separate types:
 * only the former ever carries text derived from the request.
 */
public abstract sealed class ApiException extends RuntimeException permits ClientException, ServiceException {
    private final ErrorCode errorCode;

    ApiException(ErrorCode errorCode, String message, Throwable cause) {
        super(message, cause, false, cause != null);
        this.errorCode = errorCode;
    }

    public ErrorCode errorCode() {
        return errorCode;
    }

    /** The message that goes into the response body. */
    public String publicMessage() {
        return getMessage();
    }
}

package com.orbiqhq.drafts.error;

/**
 * Every error the API can answer with: its HTTP status, its wire code and the slug of its documentation page.
 *
 * <p>The wire contract fixes each triple; {@code openapi.yaml} lists them too.
 */
public enum ErrorCode {
    VALIDATION_FAILED(400, "validation_failed", "validation"),
    UNAUTHORIZED(401, "unauthorized", "unauthorized"),
    FORBIDDEN(403, "forbidden", "forbidden"),
    NOT_FOUND(404, "not_found", "not-found"),
    CONFLICT(409, "conflict", "conflict"),
    PAYLOAD_TOO_LARGE(413, "payload_too_large", "payload-too-large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported_media_type", "unsupported-media-type"),
    IDEMPOTENCY_KEY_REUSED(422, "idempotency_key_reused", "idempotency-key-reused"),
    INTERNAL_ERROR(500, "internal_error", "internal"),
    SERVICE_UNAVAILABLE(503, "service_unavailable", "service-unavailable");

    private final int status;
    private final String code;
    private final String slug;

    ErrorCode(int status, String code, String slug) {
        this.status = status;
        this.code = code;
        this.slug = slug;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String slug() {
        return slug;
    }
}

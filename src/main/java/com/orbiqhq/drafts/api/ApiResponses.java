package com.orbiqhq.drafts.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.orbiqhq.drafts.draft.Draft;
import com.orbiqhq.drafts.draft.DraftResult;
import com.orbiqhq.drafts.error.ApiException;
import com.orbiqhq.drafts.error.ErrorCode;
import com.orbiqhq.drafts.error.ServiceException;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds every response the API sends: the 201 envelope, and the one place where an {@link ApiException}
 * becomes the documented error body. Every response is JSON and carries the request id.
 */
final class ApiResponses {
    private static final JsonFactory JSON = new JsonFactory();

    private final String errorDocsBaseUrl;

    ApiResponses(String errorDocsBaseUrl) {
        this.errorDocsBaseUrl = errorDocsBaseUrl.endsWith("/")
                ? errorDocsBaseUrl.substring(0, errorDocsBaseUrl.length() - 1)
                : errorDocsBaseUrl;
    }

    ProxyResponse created(String requestId, String documentId, DraftResult result) {
        Draft draft = result.draft();
        Map<String, String> headers = headers(requestId);
        headers.put("Location", "/api/v1/documents/" + documentId + "/versions/" + draft.id());
        if (result.replayed()) {
            headers.put("Idempotent-Replayed", "true");
        }
        return response(201, headers, json(out -> {
            String created = draft.created().toString();
            out.writeStartObject();
            out.writeBooleanField("success", true);
            out.writeObjectFieldStart("data");
            out.writeObjectFieldStart("version");
            out.writeStringField("id", draft.id());
            out.writeStringField("key", draft.key());
            out.writeStringField("name", draft.name());
            out.writeStringField("status", Draft.STATUS);
            out.writeBooleanField("is_active", false);
            out.writeStringField("date_created", created);
            out.writeStringField("date_updated", created);
            out.writeArrayFieldStart("modified_fields");
            for (String field : draft.modifiedFields()) {
                out.writeString(field);
            }
            out.writeEndArray();
            out.writeEndObject();
            out.writeEndObject();
            out.writeEndObject();
        }));
    }

    ProxyResponse error(String requestId, ApiException failure) {
        ErrorCode code = failure.errorCode();
        Map<String, String> headers = headers(requestId);
        if (code == ErrorCode.UNAUTHORIZED) {
            headers.put("WWW-Authenticate", "Bearer");
        }
        if (code == ErrorCode.SERVICE_UNAVAILABLE) {
            headers.put("Retry-After", Integer.toString(ServiceException.RETRY_AFTER_SECONDS));
        }
        String docUrl = errorDocsBaseUrl + "/" + code.slug();
        return response(code.status(), headers, json(out -> {
            out.writeStartObject();
            out.writeStringField("type", docUrl);
            out.writeStringField("code", code.code());
            out.writeStringField("message", failure.publicMessage());
            out.writeStringField("doc_url", docUrl);
            out.writeEndObject();
        }));
    }

    private static Map<String, String> headers(String requestId) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("X-Request-Id", requestId);
        headers.put("Cache-Control", "no-store");
        headers.put("X-Content-Type-Options", "nosniff");
        return headers;
    }

    private static ProxyResponse response(int status, Map<String, String> headers, String body) {
        return new ProxyResponse(status, headers, body);
    }

    private static String json(JsonWriting writing) {
        StringWriter buffer = new StringWriter(384);
        try (JsonGenerator out = JSON.createGenerator(buffer)) {
            writing.writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toString();
    }

    @FunctionalInterface
    private interface JsonWriting {
        void writeTo(JsonGenerator out) throws IOException;
    }
}

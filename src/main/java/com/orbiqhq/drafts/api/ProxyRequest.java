package com.orbiqhq.drafts.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.orbiqhq.drafts.error.ClientException;
import com.orbiqhq.drafts.error.ServiceException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * An API Gateway REST proxy event (payload format 1.0) with HTTP's rules applied: header names are
 * case-insensitive and may arrive in the single- or the multi-value map, and a body may be base64-encoded.
 *
 * <p>It is read straight from the event's JSON with a streaming parser, keeping only the fields this API uses and
 * skipping the rest: no reflection and no event classes, which spares a cold start the Lambda runtime's own event
 * deserialisation (a reflective databind mapper the runtime builds at init). An event that is not a proxy event at
 * all is kept as such, and {@link #requireProxyEvent()} turns it into a 500 once the request's log context exists.
 */
final class ProxyRequest {
    // No duplicate-key detection here (unlike the body): API Gateway writes this document, and a client's repeated
    // headers arrive merged in multiValueHeaders, never as repeated keys. It cost 6 % of a request's allocations.
    private static final JsonFactory JSON = new JsonFactory();

    private final String requestId;
    private final Map<String, String> pathParameters;
    private final Map<String, String> headers;
    private final Map<String, List<String>> multiValueHeaders;
    private final String body;
    private final boolean base64Encoded;
    private final Exception unreadable;

    private ProxyRequest(Fields fields, Exception unreadable) {
        this.requestId = fields.requestId;
        this.pathParameters = fields.pathParameters;
        this.headers = fields.headers;
        this.multiValueHeaders = fields.multiValueHeaders;
        this.body = fields.body;
        this.base64Encoded = fields.base64Encoded;
        this.unreadable = unreadable;
    }

    /**
     * Reads the event Lambda delivers. JSON {@code null} (a direct invocation without payload) is an event
     * without headers or body; anything else that is not a proxy event's shape is kept as unreadable.
     */
    static ProxyRequest read(InputStream event) {
        Fields fields = new Fields();
        try (JsonParser json = JSON.createParser(event)) {
            JsonToken first = json.nextToken();
            if (first != JsonToken.VALUE_NULL) {
                expect(json, first == JsonToken.START_OBJECT);
                readEvent(json, fields);
            }
            expect(json, json.nextToken() == null);
            return new ProxyRequest(fields, null);
        } catch (IOException | IllegalArgumentException e) {
            return new ProxyRequest(new Fields(), e);
        }
    }

    private static void readEvent(JsonParser json, Fields fields) throws IOException {
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            json.nextToken();
            switch (field) {
                case "headers" -> fields.headers = stringMap(json);
                case "multiValueHeaders" -> fields.multiValueHeaders = stringListMap(json);
                case "pathParameters" -> fields.pathParameters = stringMap(json);
                case "body" -> fields.body = nullableString(json);
                case "isBase64Encoded" -> {
                    fields.base64Encoded = json.currentToken() == JsonToken.VALUE_TRUE;
                    json.skipChildren();
                }
                case "requestContext" -> fields.requestId = requestIdIn(json);
                default -> json.skipChildren();
            }
        }
    }

    private static Map<String, String> stringMap(JsonParser json) throws IOException {
        Map<String, String> map = new HashMap<>();
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return map;
        }
        expect(json, json.currentToken() == JsonToken.START_OBJECT);
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            json.nextToken();
            String value = nullableString(json);
            if (value != null) {
                map.put(name, value);
            }
        }
        return map;
    }

    private static Map<String, List<String>> stringListMap(JsonParser json) throws IOException {
        Map<String, List<String>> map = new HashMap<>();
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return map;
        }
        expect(json, json.currentToken() == JsonToken.START_OBJECT);
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String name = json.currentName();
            List<String> values = new ArrayList<>(1);
            if (json.nextToken() != JsonToken.VALUE_NULL) {
                expect(json, json.currentToken() == JsonToken.START_ARRAY);
                while (json.nextToken() != JsonToken.END_ARRAY) {
                    String value = nullableString(json);
                    if (value != null) {
                        values.add(value);
                    }
                }
            }
            map.put(name, values);
        }
        return map;
    }

    private static String requestIdIn(JsonParser json) throws IOException {
        if (json.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(json, json.currentToken() == JsonToken.START_OBJECT);
        String requestId = null;
        while (json.nextToken() == JsonToken.FIELD_NAME) {
            String field = json.currentName();
            json.nextToken();
            if (field.equals("requestId")) {
                requestId = nullableString(json);
            } else {
                json.skipChildren();
            }
        }
        return requestId;
    }

    private static String nullableString(JsonParser json) throws IOException {
        JsonToken token = json.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return null;
        }
        expect(json, token == JsonToken.VALUE_STRING);
        return json.getText();
    }

    private static void expect(JsonParser json, boolean shapeHolds) throws IOException {
        if (!shapeHolds) {
            throw new IOException("not an API Gateway proxy event: unexpected " + json.currentToken() + " at "
                    + json.currentLocation().offsetDescription());
        }
    }

    /** Refuses, as our fault (500), an invocation whose payload was not an API Gateway proxy event. */
    void requireProxyEvent() {
        if (unreadable != null) {
            throw ServiceException.internal(unreadable);
        }
    }

    /** API Gateway's request id, else the Lambda invocation's, else a fresh one (direct local calls). */
    String requestId(Context context) {
        if (requestId != null && !requestId.isBlank()) {
            return requestId;
        }
        if (context != null && context.getAwsRequestId() != null) {
            return context.getAwsRequestId();
        }
        return UUID.randomUUID().toString();
    }

    String pathParameter(String name) {
        return pathParameters.get(name);
    }

    /**
     * The header's value, or {@code null} when absent. A header sent more than once with different values is
     * ambiguous, and ambiguity is refused with the given error rather than resolved by guessing.
     */
    String header(String name, Supplier<ClientException> whenAmbiguous) {
        Set<String> values = new LinkedHashSet<>();
        headers.forEach((key, value) -> {
            if (key.equalsIgnoreCase(name)) {
                values.add(value);
            }
        });
        multiValueHeaders.forEach((key, list) -> {
            if (key.equalsIgnoreCase(name)) {
                values.addAll(list);
            }
        });
        if (values.size() > 1) {
            throw whenAmbiguous.get();
        }
        return values.isEmpty() ? null : values.iterator().next();
    }

    /**
     * The body's bytes, decoded from base64 when API Gateway encoded it, refused with 413 when larger than the
     * limit. The size is checked before decoding, so an oversized body costs no more than its length.
     */
    byte[] body(int maxBytes) {
        if (body == null || body.isEmpty()) {
            return new byte[0];
        }
        if (base64Encoded) {
            if ((long) body.length() * 3 / 4 > maxBytes + 2L) {
                throw ClientException.payloadTooLarge(maxBytes);
            }
            byte[] decoded;
            try {
                // Strict: a lenient decoder would skip junk characters and could turn garbage into an empty body.
                decoded = Base64.getDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw ClientException.validation("Request body is not valid base64.");
            }
            return requireAtMost(decoded, maxBytes);
        }
        if (body.length() > maxBytes) {
            throw ClientException.payloadTooLarge(maxBytes);
        }
        return requireAtMost(body.getBytes(StandardCharsets.UTF_8), maxBytes);
    }

    private static byte[] requireAtMost(byte[] body, int maxBytes) {
        if (body.length > maxBytes) {
            throw ClientException.payloadTooLarge(maxBytes);
        }
        return body;
    }

    /** Whether a media type is JSON: {@code application/json} or any {@code +json} type, parameters allowed. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        int slash = mediaType.indexOf('/');
        if (slash <= 0 || slash == mediaType.length() - 1) {
            return false;
        }
        String subtype = mediaType.substring(slash + 1);
        return mediaType.equals("application/json") || subtype.endsWith("+json") && subtype.length() > 5;
    }

    /** The fields read from the event, filled in as the parser meets them. */
    private static final class Fields {
        private String requestId;
        private Map<String, String> pathParameters = Map.of();
        private Map<String, String> headers = Map.of();
        private Map<String, List<String>> multiValueHeaders = Map.of();
        private String body;
        private boolean base64Encoded;
    }
}

package com.orbiqhq.drafts.local;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns an HTTP request into the JSON of the REST proxy event API Gateway would send for it, and the function's
 * proxy response back into status, headers and body: single- and multi-value header
 * maps, path parameters of the matched resource, a request context with a fresh request id, and the body as text
 * (or base64 with {@code isBase64Encoded} when it is not valid UTF-8, as API Gateway does for binary bodies).
 */
final class ProxyEvents {
    static final String RESOURCE = "/api/v1/documents/{id}/versions";
    private static final String STAGE = "local";
    private static final JsonFactory JSON = new JsonFactory();
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH);

    private ProxyEvents() {
    }

    /** The document id in a path of the one resource served, or {@code null} for any other path. */
    static String documentIdIn(String path) {
        String prefix = "/api/v1/documents/";
        String suffix = "/versions";
        if (!path.startsWith(prefix) || !path.endsWith(suffix) || path.length() <= prefix.length() + suffix.length()) {
            return null;
        }
        String id = path.substring(prefix.length(), path.length() - suffix.length());
        return id.contains("/") ? null : id;
    }

    /** The event's JSON, as Lambda hands it to the function. */
    static byte[] from(HttpExchange exchange, String documentId, byte[] body, String requestId) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(2048 + body.length * 2);
        try (JsonGenerator json = JSON.createGenerator(buffer)) {
            json.writeStartObject();
            json.writeStringField("resource", RESOURCE);
            json.writeStringField("path", path);
            json.writeStringField("httpMethod", method);
            json.writeObjectFieldStart("headers");
            for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
                List<String> values = header.getValue();
                json.writeStringField(header.getKey(), values.get(values.size() - 1));
            }
            json.writeEndObject();
            json.writeObjectFieldStart("multiValueHeaders");
            for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
                json.writeArrayFieldStart(header.getKey());
                for (String value : header.getValue()) {
                    json.writeString(value);
                }
                json.writeEndArray();
            }
            json.writeEndObject();
            json.writeNullField("queryStringParameters");
            json.writeNullField("multiValueQueryStringParameters");
            json.writeObjectFieldStart("pathParameters");
            json.writeStringField("id", documentId);
            json.writeEndObject();
            json.writeNullField("stageVariables");
            writeRequestContext(json, exchange, path, requestId);
            String text = body.length == 0 ? null : utf8OrNull(body);
            if (body.length == 0) {
                json.writeNullField("body");
            } else {
                json.writeStringField("body", text != null ? text : Base64.getEncoder().encodeToString(body));
            }
            json.writeBooleanField("isBase64Encoded", body.length > 0 && text == null);
            json.writeEndObject();
        }
        return buffer.toByteArray();
    }

    private static void writeRequestContext(JsonGenerator json, HttpExchange exchange, String path, String requestId)
            throws IOException {
        json.writeObjectFieldStart("requestContext");
        json.writeStringField("accountId", "000000000000");
        json.writeStringField("apiId", "local");
        json.writeStringField("resourcePath", RESOURCE);
        json.writeStringField("httpMethod", exchange.getRequestMethod());
        json.writeStringField("requestId", requestId);
        json.writeStringField("stage", STAGE);
        json.writeStringField("path", "/" + STAGE + path);
        json.writeStringField("protocol", exchange.getProtocol());
        json.writeStringField("requestTime", ZonedDateTime.now(ZoneOffset.UTC).format(REQUEST_TIME));
        json.writeNumberField("requestTimeEpoch", System.currentTimeMillis());
        json.writeObjectFieldStart("identity");
        json.writeStringField("sourceIp", exchange.getRemoteAddress().getAddress().getHostAddress());
        json.writeEndObject();
        json.writeEndObject();
    }

    /** A proxy integration's answer: status, headers and body. */
    record Response(int status, Map<String, String> headers, String body) {
    }

    /** Reads the proxy response document a function wrote, as API Gateway does before answering the client. */
    static Response readResponse(byte[] document) throws IOException {
        int status = 0;
        Map<String, String> headers = new HashMap<>();
        String body = "";
        try (JsonParser json = JSON.createParser(document)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("the function's answer is not a proxy response");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                switch (field) {
                    case "statusCode" -> status = json.getIntValue();
                    case "headers" -> {
                        while (value == JsonToken.START_OBJECT && json.nextToken() == JsonToken.FIELD_NAME) {
                            String name = json.currentName();
                            json.nextToken();
                            headers.put(name, json.getText());
                        }
                    }
                    case "body" -> body = value == JsonToken.VALUE_NULL ? "" : json.getText();
                    default -> json.skipChildren();
                }
            }
        }
        return new Response(status, headers, body);
    }

    private static String utf8OrNull(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}

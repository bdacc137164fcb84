package com.orbiqhq.drafts.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.sun.net.httpserver.HttpExchange;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns an HTTP request into the REST proxy event API Gateway would send for it: single- and multi-value header
 * maps, path parameters of the matched resource, a request context with a fresh request id, and the body as text
 * (or base64 with {@code isBase64Encoded} when it is not valid UTF-8, as API Gateway does for binary bodies).
 */
final class ProxyEvents {
    static final String RESOURCE = "/api/v1/documents/{id}/versions";
    private static final String STAGE = "local";
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

    static APIGatewayProxyRequestEvent from(HttpExchange exchange, String documentId, byte[] body, String requestId) {
        Map<String, String> headers = new HashMap<>();
        Map<String, List<String>> multiValueHeaders = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            headers.put(name, values.get(values.size() - 1));
            multiValueHeaders.put(name, new ArrayList<>(values));
        });

        String path = exchange.getRequestURI().getPath();
        String sourceIp = exchange.getRemoteAddress().getAddress().getHostAddress();
        var requestContext = new APIGatewayProxyRequestEvent.ProxyRequestContext()
                .withRequestId(requestId)
                .withStage(STAGE)
                .withResourcePath(RESOURCE)
                .withHttpMethod(exchange.getRequestMethod())
                .withPath("/" + STAGE + path)
                .withAccountId("000000000000")
                .withApiId("local")
                .withProtocol(exchange.getProtocol())
                .withRequestTime(ZonedDateTime.now(ZoneOffset.UTC).format(REQUEST_TIME))
                .withRequestTimeEpoch(System.currentTimeMillis())
                .withIdentity(new APIGatewayProxyRequestEvent.RequestIdentity().withSourceIp(sourceIp));

        var event = new APIGatewayProxyRequestEvent()
                .withResource(RESOURCE)
                .withPath(path)
                .withHttpMethod(exchange.getRequestMethod())
                .withHeaders(headers)
                .withMultiValueHeaders(multiValueHeaders)
                .withPathParameters(Map.of("id", documentId))
                .withRequestContext(requestContext);
        String text = body.length == 0 ? null : utf8OrNull(body);
        if (body.length == 0) {
            return event.withIsBase64Encoded(false);
        }
        return text != null
                ? event.withBody(text).withIsBase64Encoded(false)
                : event.withBody(Base64.getEncoder().encodeToString(body)).withIsBase64Encoded(true);
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

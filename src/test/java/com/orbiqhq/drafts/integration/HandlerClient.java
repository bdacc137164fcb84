package com.orbiqhq.drafts.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orbiqhq.drafts.api.CreateVersionHandler;
import com.orbiqhq.drafts.testing.LambdaEvents;
import com.orbiqhq.drafts.testing.OpenApiContract;
import com.orbiqhq.drafts.testing.SuiteLogs;
import com.orbiqhq.drafts.testing.Tokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Sends proxy events to a handler the way API Gateway does, and checks every response against openapi.yaml
 * before a test sees it.
 */
final class HandlerClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final CreateVersionHandler handler;

    HandlerClient(CreateVersionHandler handler) {
        this.handler = handler;
    }

    /** A POST with a valid writer token and a JSON content type; a header given as null is left out. */
    Response post(String documentId, String body, String... headerPairs) {
        return post(null, documentId, body, headerPairs);
    }

    /** The same, in an invocation with the time the context has left (none: the handler's local budget). */
    Response post(Context context, String documentId, String body, String... headerPairs) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Authorization", Tokens.bearer(Tokens.writer()));
        headers.put("Content-Type", "application/json");
        for (int i = 0; i + 1 < headerPairs.length; i += 2) {
            if (headerPairs[i + 1] == null) {
                headers.remove(headerPairs[i]);
            } else {
                headers.put(headerPairs[i], headerPairs[i + 1]);
            }
        }
        APIGatewayProxyRequestEvent event = event(documentId, body, headers);
        recordCredentials(event);
        return send(event.getPath(), LambdaEvents.json(event), context);
    }

    Response send(APIGatewayProxyRequestEvent event) {
        recordCredentials(event);
        return send(event.getPath(), LambdaEvents.json(event));
    }

    /** Every Authorization value sent, forged ones included, for the log leak check to search the logs for. */
    private static void recordCredentials(APIGatewayProxyRequestEvent event) {
        if (event.getHeaders() != null) {
            event.getHeaders().forEach((name, value) -> {
                if (name.equalsIgnoreCase("Authorization")) {
                    SuiteLogs.recordCredential(value);
                }
            });
        }
        if (event.getMultiValueHeaders() != null) {
            event.getMultiValueHeaders().forEach((name, values) -> {
                if (name.equalsIgnoreCase("Authorization")) {
                    values.forEach(SuiteLogs::recordCredential);
                }
            });
        }
    }

    /** Sends an event's JSON as it is, such as a file from events/. */
    Response send(String path, byte[] eventJson) {
        return send(path, eventJson, null);
    }

    private Response send(String path, byte[] eventJson, Context context) {
        APIGatewayProxyResponseEvent response = LambdaEvents.invoke(handler, eventJson, context);
        // Read as the handler answers: checking the response below takes time of its own (a second, cold).
        long remainingMillis = context == null ? -1 : context.getRemainingTimeInMillis();
        var report = OpenApiContract.check(path, response);
        assertThat(report.getMessages()).as("response conforms to openapi.yaml: %s", response.getBody()).isEmpty();
        return new Response(response, remainingMillis);
    }

    static APIGatewayProxyRequestEvent event(String documentId, String body, Map<String, String> headers) {
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod("POST")
                .withResource("/api/v1/documents/{id}/versions")
                .withPath("/api/v1/documents/" + documentId + "/versions")
                .withPathParameters(Map.of("id", documentId))
                .withHeaders(headers)
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext()
                        .withRequestId(UUID.randomUUID().toString()));
    }

    /**
     * A response with its JSON body parsed, and the time the invocation had left when the handler answered (-1
     * without a context).
     */
    record Response(APIGatewayProxyResponseEvent raw, long remainingMillis) {
        int status() {
            return raw.getStatusCode();
        }

        String header(String name) {
            return raw.getHeaders().get(name);
        }

        JsonNode json() {
            try {
                return JSON.readTree(raw.getBody());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        JsonNode version() {
            return json().path("data").path("version");
        }

        String code() {
            return json().path("code").asText();
        }

        String message() {
            return json().path("message").asText();
        }
    }
}

package com.orbiqhq.drafts.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.orbiqhq.drafts.error.ClientException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A read-only view of an API Gateway REST proxy event with HTTP's rules applied: header names are
 * case-insensitive and may arrive in the single- or the multi-value map, and a body may be base64-encoded.
 */
final class ProxyRequest {
    private final APIGatewayProxyRequestEvent event;

    ProxyRequest(APIGatewayProxyRequestEvent event) {
        this.event = event == null ? new APIGatewayProxyRequestEvent() : event;
    }

    /** API Gateway's request id, else the Lambda invocation's, else a fresh one (direct local calls). */
    String requestId(Context context) {
        var requestContext = event.getRequestContext();
        if (requestContext != null && requestContext.getRequestId() != null && !requestContext.getRequestId()
                .isBlank()) {
            return requestContext.getRequestId();
        }
        if (context != null && context.getAwsRequestId() != null) {
            return context.getAwsRequestId();
        }
        return UUID.randomUUID().toString();
    }

    String pathParameter(String name) {
        Map<String, String> parameters = event.getPathParameters();
        return parameters == null ? null : parameters.get(name);
    }

    /**
     * The header's value, or {@code null} when absent. A header sent more than once with different values is
     * ambiguous, and ambiguity is refused with the given error rather than resolved by guessing.
     */
    String header(String name, Supplier<ClientException> whenAmbiguous) {
        Set<String> values = new LinkedHashSet<>();
        collect(event.getHeaders(), name, values);
        Map<String, List<String>> multiValue = event.getMultiValueHeaders();
        if (multiValue != null) {
            multiValue.forEach((key, list) -> {
                if (key != null && key.equalsIgnoreCase(name) && list != null) {
                    list.stream().filter(value -> value != null).forEach(values::add);
                }
            });
        }
        if (values.size() > 1) {
            throw whenAmbiguous.get();
        }
        return values.isEmpty() ? null : values.iterator().next();
    }

    private static void collect(Map<String, String> headers, String name, Set<String> values) {
        if (headers != null) {
            headers.forEach((key, value) -> {
                if (key != null && key.equalsIgnoreCase(name) && value != null) {
                    values.add(value);
                }
            });
        }
    }

    /**
     * The body's bytes, decoded from base64 when API Gateway encoded it, refused with 413 when larger than the
     * limit. The size is checked before decoding, so an oversized body costs no more than its length.
     */
    byte[] body(int maxBytes) {
        String body = event.getBody();
        if (body == null || body.isEmpty()) {
            return new byte[0];
        }
        if (Boolean.TRUE.equals(event.getIsBase64Encoded())) {
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
}

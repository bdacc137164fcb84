package com.orbiqhq.drafts.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * The answer to API Gateway's REST proxy integration: status, headers and a JSON body, written as the proxy
 * response document ({@code statusCode}, {@code headers}, {@code body}, {@code isBase64Encoded}).
 */
record ProxyResponse(int statusCode, Map<String, String> headers, String body) {
    private static final JsonFactory JSON = new JsonFactory();

    ProxyResponse {
        headers = Map.copyOf(headers);
    }

    void writeTo(OutputStream output) throws IOException {
        try (JsonGenerator out = JSON.createGenerator(output)) {
            out.writeStartObject();
            out.writeNumberField("statusCode", statusCode);
            out.writeObjectFieldStart("headers");
            for (Map.Entry<String, String> header : headers.entrySet()) {
                out.writeStringField(header.getKey(), header.getValue());
            }
            out.writeEndObject();
            out.writeStringField("body", body);
            out.writeBooleanField("isBase64Encoded", false);
            out.writeEndObject();
        }
    }
}

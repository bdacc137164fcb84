package com.orbiqhq.drafts.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.orbiqhq.drafts.testing.LambdaEvents;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxyResponseTest {
    @Test
    void writeTo_writesTheProxyResponseDocumentTheRuntimeReads() throws IOException {
        var response = new ProxyResponse(409, Map.of("Content-Type", "application/json", "X-Request-Id", "r-1"),
                "{\"code\":\"conflict\",\"message\":\"Quote \\\" and \\u00e9 and \\n stay intact\"}");
        ByteArrayOutputStream written = new ByteArrayOutputStream();

        response.writeTo(written);

        APIGatewayProxyResponseEvent read = LambdaEvents.response(written.toByteArray());
        assertThat(read.getStatusCode()).isEqualTo(409);
        assertThat(read.getHeaders()).isEqualTo(response.headers());
        assertThat(read.getBody()).isEqualTo(response.body());
        assertThat(read.getIsBase64Encoded()).isFalse();
    }
}

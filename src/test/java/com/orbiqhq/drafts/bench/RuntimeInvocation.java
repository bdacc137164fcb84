package com.orbiqhq.drafts.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * What the Lambda Java runtime does between the Runtime API's event bytes and a handler, for the two kinds of
 * handler: a stream handler gets the bytes and writes the answer's bytes; a handler of event classes gets its
 * event from the runtime's own serializer (built when the runtime loads the handler, at init) and its answer is
 * serialised the same way. Returns the status code of the answer.
 */
interface RuntimeInvocation {
    int invoke(byte[] event);

    static RuntimeInvocation of(RequestStreamHandler handler) {
        return event -> {
            ByteArrayOutputStream answer = new ByteArrayOutputStream(1024);
            try {
                handler.handleRequest(new ByteArrayInputStream(event), answer, null);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return statusIn(answer.toString(StandardCharsets.UTF_8));
        };
    }

    static RuntimeInvocation of(RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler) {
        ClassLoader loader = handler.getClass().getClassLoader();
        PojoSerializer<APIGatewayProxyRequestEvent> in =
                LambdaEventSerializers.serializerFor(APIGatewayProxyRequestEvent.class, loader);
        PojoSerializer<APIGatewayProxyResponseEvent> out =
                LambdaEventSerializers.serializerFor(APIGatewayProxyResponseEvent.class, loader);
        return event -> {
            ByteArrayOutputStream answer = new ByteArrayOutputStream(1024);
            out.toJson(handler.handleRequest(in.fromJson(new ByteArrayInputStream(event)), null), answer);
            return statusIn(answer.toString(StandardCharsets.UTF_8));
        };
    }

    private static int statusIn(String response) {
        int at = response.indexOf("\"statusCode\":");
        if (at < 0) {
            throw new IllegalStateException("not a proxy response: " + response);
        }
        int start = at + "\"statusCode\":".length();
        while (response.charAt(start) == ' ') {
            start++;
        }
        return Integer.parseInt(response.substring(start, start + 3));
    }
}

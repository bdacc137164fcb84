package com.orbiqhq.drafts.testing;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Proxy events and responses as JSON, written and read by the Lambda Java runtime's own serializer: tests build
 * events with the event classes and hand a stream handler the JSON the runtime would hand it.
 */
public final class LambdaEvents {
    private static final PojoSerializer<APIGatewayProxyRequestEvent> REQUESTS = LambdaEventSerializers
            .serializerFor(APIGatewayProxyRequestEvent.class, LambdaEvents.class.getClassLoader());
    private static final PojoSerializer<APIGatewayProxyResponseEvent> RESPONSES = LambdaEventSerializers
            .serializerFor(APIGatewayProxyResponseEvent.class, LambdaEvents.class.getClassLoader());

    private LambdaEvents() {
    }

    public static byte[] json(APIGatewayProxyRequestEvent event) {
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        REQUESTS.toJson(event, json);
        return json.toByteArray();
    }

    public static APIGatewayProxyResponseEvent response(byte[] json) {
        return RESPONSES.fromJson(new ByteArrayInputStream(json));
    }

    /** Invokes a stream handler with an event's JSON, and reads its answer as the runtime would pass it on. */
    public static APIGatewayProxyResponseEvent invoke(RequestStreamHandler handler, byte[] event, Context context) {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        try {
            handler.handleRequest(new ByteArrayInputStream(event), answer, context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return response(answer.toByteArray());
    }

    public static APIGatewayProxyResponseEvent invoke(RequestStreamHandler handler, APIGatewayProxyRequestEvent event,
            Context context) {
        return invoke(handler, json(event), context);
    }
}

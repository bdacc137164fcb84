package com.orbiqhq.drafts.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.orbiqhq.drafts.api.CreateVersionHandler;

/**
 * One cold start, in the fresh JVM the benchmark starts for it: build the handler (Lambda's init), answer one
 * create request, print one line of figures, exit. Run with the deployed classpath only.
 *
 * <p>Arguments: {@code function} or {@code baseline}, then the bearer token to send.
 */
public final class ColdStartProbe {
    private ColdStartProbe() {
    }

    public static void main(String[] args) {
        long initStart = System.nanoTime();
        RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler =
                "baseline".equals(args[0]) ? new BaselinePutItemHandler() : new CreateVersionHandler();
        long initEnd = System.nanoTime();

        APIGatewayProxyResponseEvent response = handler.handleRequest(ProbeSupport.createRequest(args[1]), null);
        long firstEnd = System.nanoTime();

        System.out.printf("{\"status\":%d,\"initMs\":%.1f,\"firstRequestMs\":%.1f,\"jvmUptimeMs\":%.1f,"
                        + "\"peakRssKib\":%d}%n", response.getStatusCode(), (initEnd - initStart) / 1e6,
                (firstEnd - initEnd) / 1e6, ProbeSupport.sinceJvmStart(), ProbeSupport.peakRssKib());
    }
}

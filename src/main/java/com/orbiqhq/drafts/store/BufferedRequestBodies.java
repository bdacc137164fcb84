package com.orbiqhq.drafts.store;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Lets the JDK's HttpURLConnection buffer each request body instead of streaming it, which spares every call on a
 * kept-alive connection a wait of over a millisecond.
 *
 * <p>The SDK's URLConnection client streams a body whose {@code Content-Length} it knows. Before it sends a streamed
 * POST on a reused connection, the JDK checks that the server has not closed the connection: it sets a 1 ms read
 * timeout and waits for it to expire. DynamoDB calls are all POSTs, so each paid that wait (three per draft: most of
 * a warm request's latency on a local database). Without the header the JDK buffers the body, sends it with the
 * same {@code Content-Length}, and skips the check; a buffered POST on a connection the server has just closed is
 * resent once by the JDK, which every call here tolerates as it tolerates an SDK retry (reads, a transaction with
 * a client request token, conditional writes checked for our own earlier attempt). Request bodies are small
 * (an item is at most 400 KB), so buffering costs nothing worth counting.
 */
public final class BufferedRequestBodies implements ExecutionInterceptor {
    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        return context.httpRequest().toBuilder().removeHeader("Content-Length").build();
    }
}

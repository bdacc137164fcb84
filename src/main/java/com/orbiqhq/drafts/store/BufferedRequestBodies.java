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
 * same {@code Content-Length}, and skips the check. Request bodies are small (an item is at most 400 KB), so
 * buffering costs nothing worth counting.
 *
 * <p>A buffered POST is one the JDK may resend by itself once, when reading the response fails, even if the server
 * had executed it. The function's JVM turns that off ({@code -Dsun.net.http.retryPost=false} in the template's
 * {@code JAVA_TOOL_OPTIONS}), so only the SDK retries, with backoff. Either kind of resend is tolerated: reads are
 * reads, the transaction carries a client request token (and a resend that finds it still running waits for its
 * outcome), the idempotency claim recognises our own record, and a release that finds nothing of ours does nothing.
 */
public final class BufferedRequestBodies implements ExecutionInterceptor {
    @Override
    public SdkHttpRequest modifyHttpRequest(Context.ModifyHttpRequest context, ExecutionAttributes attributes) {
        return context.httpRequest().toBuilder().removeHeader("Content-Length").build();
    }
}

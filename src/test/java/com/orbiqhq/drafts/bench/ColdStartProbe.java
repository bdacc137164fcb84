package com.orbiqhq.drafts.bench;

import com.orbiqhq.drafts.api.CreateVersionHandler;

/**
 * One cold start, in the fresh JVM the benchmark starts for it: build the handler (Lambda's init, including what
 * the runtime prepares for the kind of handler), answer one create request given as the event's JSON, print one
 * line of figures, exit. Run with the deployed classpath, the runtime's serializer and the baseline's own jars.
 *
 * <p>Arguments: {@code function} or {@code baseline}, then the bearer token to send.
 */
public final class ColdStartProbe {
    private ColdStartProbe() {
    }

    public static void main(String[] args) {
        byte[] event = ProbeSupport.createEvent(args[1]);

        long initStart = System.nanoTime();
        RuntimeInvocation function = "baseline".equals(args[0])
                ? RuntimeInvocation.of(new BaselinePutItemHandler())
                : RuntimeInvocation.of(new CreateVersionHandler());
        long initEnd = System.nanoTime();

        int status = function.invoke(event);
        long firstEnd = System.nanoTime();

        System.out.printf("{\"status\":%d,\"initMs\":%.1f,\"firstRequestMs\":%.1f,\"jvmUptimeMs\":%.1f,"
                        + "\"peakRssKib\":%d}%n", status, (initEnd - initStart) / 1e6,
                (firstEnd - initEnd) / 1e6, ProbeSupport.sinceJvmStart(), ProbeSupport.peakRssKib());
    }
}

package com.orbiqhq.drafts.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.orbiqhq.drafts.api.CreateVersionHandler;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Warm cost in one JVM, as a Lambda execution environment serves request after request: after a short warm-up,
 * the latency of each create request, the CPU time the request thread spent on it, and the whole JVM's CPU time
 * per request (GC and JIT included: what Lambda bills). The database runs in another process and is not the
 * function's cost. Prints one line of figures.
 *
 * <p>Arguments: the number of measured requests, then the bearer token to send.
 */
public final class WarmProbe {
    private static final int WARM_UP = 200;

    private WarmProbe() {
    }

    public static void main(String[] args) {
        int requests = Integer.parseInt(args[0]);
        CreateVersionHandler handler = new CreateVersionHandler();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < WARM_UP; i++) {
            check(handler.handleRequest(ProbeSupport.createRequest(args[1]), null));
        }

        var process = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long processCpuStart = process.getProcessCpuTime();
        long[] latency = new long[requests];
        long[] cpu = new long[requests];
        for (int i = 0; i < requests; i++) {
            var request = ProbeSupport.createRequest(args[1]);
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            check(handler.handleRequest(request, null));
            latency[i] = System.nanoTime() - start;
            cpu[i] = threads.getCurrentThreadCpuTime() - cpuStart;
        }

        double processCpuMeanMs = (process.getProcessCpuTime() - processCpuStart) / 1e6 / requests;
        Arrays.sort(latency);
        Arrays.sort(cpu);
        System.out.printf("{\"requests\":%d,\"p50Ms\":%.2f,\"p99Ms\":%.2f,\"cpuP50Ms\":%.3f,\"cpuMeanMs\":%.3f,"
                        + "\"processCpuMeanMs\":%.3f,\"peakRssKib\":%d}%n", requests, percentile(latency, 50),
                percentile(latency, 99), percentile(cpu, 50), Arrays.stream(cpu).average().orElse(0) / 1e6,
                processCpuMeanMs, ProbeSupport.peakRssKib());
    }

    private static void check(APIGatewayProxyResponseEvent response) {
        if (response.getStatusCode() != 201) {
            throw new IllegalStateException("expected 201, got " + response.getStatusCode() + ": "
                    + response.getBody());
        }
    }

    private static double percentile(long[] sorted, int percent) {
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }
}

package com.orbiqhq.drafts.bench;

import com.orbiqhq.drafts.api.CreateVersionHandler;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Warm cost in one JVM, as a Lambda execution environment serves request after request: after 1,000 requests of
 * warm-up (so that the JIT compiler has compiled the request path: the steady state of an environment),
 * the latency of each create request, the CPU time the request thread spent on it, and the whole JVM's CPU time
 * per request (GC and JIT included: what Lambda bills). The database runs in another process and is not the
 * function's cost. Prints one line of figures.
 *
 * <p>Arguments: the number of measured requests; a file of bearer tokens, one per line; and {@code repeat} (every
 * request sends the first token, as a client does for the token's lifetime: its signature is checked once) or
 * {@code fresh} (every request sends another token, so every request checks a signature: the worst case).
 */
public final class WarmProbe {
    private static final int WARM_UP = 1_000;

    private WarmProbe() {
    }

    public static void main(String[] args) throws IOException {
        int requests = Integer.parseInt(args[0]);
        List<String> tokens = Files.readAllLines(Path.of(args[1]));
        boolean fresh = "fresh".equals(args[2]);
        if (fresh && tokens.size() < WARM_UP + requests) {
            throw new IllegalArgumentException("fresh tokens: need " + (WARM_UP + requests) + ", got " + tokens.size());
        }
        RuntimeInvocation handler = RuntimeInvocation.of(new CreateVersionHandler());
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int i = 0; i < WARM_UP; i++) {
            check(handler.invoke(ProbeSupport.createEvent(tokens.get(fresh ? i : 0))));
        }

        // The events are built before measuring, so the whole JVM's CPU time counts the function's work only.
        byte[][] events = new byte[requests][];
        for (int i = 0; i < requests; i++) {
            events[i] = ProbeSupport.createEvent(tokens.get(fresh ? WARM_UP + i : 0));
        }
        var process = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        var allocation = (com.sun.management.ThreadMXBean) threads;
        long gcStart = gcMillis();
        long jitStart = ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
        long allocatedStart = allocation.getCurrentThreadAllocatedBytes();
        long processCpuStart = process.getProcessCpuTime();
        long[] latency = new long[requests];
        long[] cpu = new long[requests];
        for (int i = 0; i < requests; i++) {
            byte[] event = events[i];
            long cpuStart = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            check(handler.invoke(event));
            latency[i] = System.nanoTime() - start;
            cpu[i] = threads.getCurrentThreadCpuTime() - cpuStart;
        }

        double processCpuMeanMs = (process.getProcessCpuTime() - processCpuStart) / 1e6 / requests;
        double allocatedKib = (allocation.getCurrentThreadAllocatedBytes() - allocatedStart) / 1024.0 / requests;
        double gcMs = (gcMillis() - gcStart) / (double) requests;
        double jitMs = (ManagementFactory.getCompilationMXBean().getTotalCompilationTime() - jitStart)
                / (double) requests;
        Arrays.sort(latency);
        Arrays.sort(cpu);
        System.out.printf("{\"tokens\":\"%s\",\"requests\":%d,\"p50Ms\":%.2f,\"p99Ms\":%.2f,"
                        + "\"cpuP50Ms\":%.3f,\"cpuMeanMs\":%.3f,\"processCpuMeanMs\":%.3f,\"allocatedKib\":%.1f,"
                        + "\"gcMs\":%.3f,\"jitMs\":%.3f,\"peakRssKib\":%d}%n",
                args[2], requests, ProbeSupport.percentile(latency, 50), ProbeSupport.percentile(latency, 99),
                ProbeSupport.percentile(cpu, 50),
                Arrays.stream(cpu).average().orElse(0) / 1e6, processCpuMeanMs, allocatedKib, gcMs, jitMs,
                ProbeSupport.peakRssKib());
    }

    /** Wall time the collectors have spent so far (serial GC: stop-the-world, so also CPU time). */
    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime)
                .sum();
    }

    private static void check(int status) {
        if (status != 201) {
            throw new IllegalStateException("expected 201, got " + status);
        }
    }
}

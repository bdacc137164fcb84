package com.orbiqhq.drafts.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** What the probes share: the proxy event they send, and the process's figures. */
final class ProbeSupport {
    private static final String TEMPLATE_REQUEST_ID = "0f1e2d3c-0000-4000-8000-000000000001";

    private ProbeSupport() {
    }

    /**
     * The create request the benchmark sends, as the JSON Lambda delivers: events/create-from-current.json (a copy
     * of the draft from the promoted version of the demo document, as API Gateway sends it) with the given token
     * and a fresh request id. The file's path comes from the {@code bench.event} system property.
     */
    static byte[] createEvent(String token) {
        String event = Template.TEXT
                .replaceAll("Bearer [A-Za-z0-9_.-]+", "Bearer " + token)
                .replace(TEMPLATE_REQUEST_ID, UUID.randomUUID().toString());
        return event.getBytes(StandardCharsets.UTF_8);
    }

    private static String readTemplate() {
        try {
            return Files.readString(Path.of(System.getProperty("bench.event", "events/create-from-current.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The peak resident set size of this process in KiB (Linux), or -1 where /proc is not available. */
    static long peakRssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** The value at {@code percent} of sorted nanoseconds, in milliseconds (nearest rank). */
    static double percentile(long[] sorted, int percent) {
        int index = Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    /** Milliseconds since this JVM started, as the JVM itself reports its start. */
    static double sinceJvmStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    /** The event file, read when the first event is built. */
    private static final class Template {
        private static final String TEXT = readTemplate();
    }
}

package com.orbiqhq.drafts.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What the probes share: building a proxy event for the demo document, and reading the process's peak RSS. */
final class ProbeSupport {
    static final String DOCUMENT = "3f0e8a52-6d1b-4c8e-9a57-2b4f7c1d9e60";

    private ProbeSupport() {
    }

    static APIGatewayProxyRequestEvent createRequest(String token) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Authorization", "Bearer " + token);
        headers.put("Content-Type", "application/json");
        return new APIGatewayProxyRequestEvent()
                .withHttpMethod("POST")
                .withResource("/api/v1/documents/{id}/versions")
                .withPath("/api/v1/documents/" + DOCUMENT + "/versions")
                .withPathParameters(Map.of("id", DOCUMENT))
                .withHeaders(headers)
                .withMultiValueHeaders(Map.of("Authorization", List.of("Bearer " + token),
                        "Content-Type", List.of("application/json")))
                .withBody("{\"source_version_id\": \"current\", \"name\": \"Benchmark\"}")
                .withIsBase64Encoded(false)
                .withRequestContext(new APIGatewayProxyRequestEvent.ProxyRequestContext()
                        .withRequestId(UUID.randomUUID().toString()));
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

    /** Milliseconds since this JVM started, as the JVM itself reports its start. */
    static double sinceJvmStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }
}

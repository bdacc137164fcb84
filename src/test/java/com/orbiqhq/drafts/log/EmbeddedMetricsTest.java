package com.orbiqhq.drafts.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EmbeddedMetricsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final JsonLogger log = new JsonLogger(new PrintStream(out, true, StandardCharsets.UTF_8),
            JsonLogger.Level.ERROR);
    private final EmbeddedMetrics metrics = new EmbeddedMetrics("TrustCenter/Drafts", "drafts-CreateVersion");

    @Test
    void request_created_countsADraftAndItsLatencyUnderTheFunction() throws IOException {
        JsonNode line = summary(metrics.request(201, null, false, 42));

        assertThat(line.path("DraftsCreated").asInt()).isEqualTo(1);
        assertThat(line.path("Replays").asInt()).isZero();
        assertThat(line.path("ClientErrors").asInt()).isZero();
        assertThat(line.path("ServerErrors").asInt()).isZero();
        assertThat(line.path("Latency").asLong()).isEqualTo(42);
        assertThat(line.path("FunctionName").asText()).isEqualTo("drafts-CreateVersion");
        assertThat(line.has("ErrorCode")).isFalse();
        JsonNode directives = line.path("_aws").path("CloudWatchMetrics");
        assertThat(directives).hasSize(1);
        assertThat(directives.get(0).path("Namespace").asText()).isEqualTo("TrustCenter/Drafts");
        assertThat(names(directives.get(0).path("Metrics")))
                .containsExactly("DraftsCreated", "Replays", "ClientErrors", "ServerErrors", "Latency");
        assertThat(directives.get(0).path("Metrics").get(4).path("Unit").asText()).isEqualTo("Milliseconds");
        assertValidEmf(line);
    }

    @Test
    void request_replayed_countsAReplayNotADraft() throws IOException {
        JsonNode line = summary(metrics.request(201, null, true, 7));

        assertThat(line.path("DraftsCreated").asInt()).isZero();
        assertThat(line.path("Replays").asInt()).isEqualTo(1);
        assertValidEmf(line);
    }

    @Test
    void request_clientError_countsItAlsoByItsCode() throws IOException {
        JsonNode line = summary(metrics.request(404, "not_found", false, 5));

        assertThat(line.path("ClientErrors").asInt()).isEqualTo(1);
        assertThat(line.path("ServerErrors").asInt()).isZero();
        assertThat(line.path("DraftsCreated").asInt()).isZero();
        assertThat(line.path("ErrorCode").asText()).isEqualTo("not_found");
        JsonNode byCode = line.path("_aws").path("CloudWatchMetrics").get(1);
        assertThat(byCode.path("Dimensions").get(0)).extracting(JsonNode::asText)
                .containsExactly("FunctionName", "ErrorCode");
        assertThat(names(byCode.path("Metrics"))).containsExactly("ClientErrors");
        assertValidEmf(line);
    }

    @Test
    void request_serverError_countsItAsAServerErrorByItsCode() throws IOException {
        JsonNode line = summary(metrics.request(503, "service_unavailable", false, 3_000));

        assertThat(line.path("ServerErrors").asInt()).isEqualTo(1);
        assertThat(line.path("ClientErrors").asInt()).isZero();
        assertThat(names(line.path("_aws").path("CloudWatchMetrics").get(1).path("Metrics")))
                .containsExactly("ServerErrors");
        assertValidEmf(line);
    }

    @Test
    void summary_isWrittenWhateverTheLogLevel_becauseItCarriesTheMetrics() throws IOException {
        JsonNode line = summary(metrics.request(201, null, false, 1));

        assertThat(line.path("level").asText()).isEqualTo("INFO");
        assertThat(line.path("message").asText()).isEqualTo("request completed");
    }

    private JsonNode summary(Object[] fields) throws IOException {
        log.summary("request completed", fields);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(1);
        return JSON.readTree(lines.get(0));
    }

    /** CloudWatch's rules: every metric a number at the root, every dimension a string there, a timestamp. */
    private static void assertValidEmf(JsonNode line) {
        JsonNode aws = line.path("_aws");
        assertThat(aws.path("Timestamp").isIntegralNumber()).isTrue();
        for (JsonNode directive : aws.path("CloudWatchMetrics")) {
            for (JsonNode dimensionSet : directive.path("Dimensions")) {
                dimensionSet.forEach(dimension -> assertThat(line.path(dimension.asText()).isTextual())
                        .as("dimension %s", dimension).isTrue());
            }
            for (String metric : names(directive.path("Metrics"))) {
                assertThat(line.path(metric).isNumber()).as("metric %s", metric).isTrue();
            }
        }
    }

    private static List<String> names(JsonNode metrics) {
        List<String> names = new ArrayList<>();
        metrics.forEach(metric -> names.add(metric.path("Name").asText()));
        return names;
    }
}

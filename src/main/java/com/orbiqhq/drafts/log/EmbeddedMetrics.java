package com.orbiqhq.drafts.log;

import com.fasterxml.jackson.core.JsonGenerator;
import com.orbiqhq.drafts.config.Environment;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns a summary log line into CloudWatch metrics, in the embedded metric format: the line carries an {@code _aws}
 * directive naming which of its fields are metrics and which are dimensions, and CloudWatch Logs extracts them as
 * the line arrives. No API call, no extra latency, no permission beyond writing logs.
 *
 * <p>Every request counts under the dimension {@code FunctionName}: {@code DraftsCreated}, {@code Replays} (an
 * idempotent repeat answered with the earlier draft), {@code ClientErrors}, {@code ServerErrors} and
 * {@code Latency}. A failed request also counts under {@code FunctionName, ErrorCode}, so that alarms and
 * dashboards can tell a 404 from a 422, or a 503 from a 500. Tenants and documents are never dimensions: each
 * distinct value would be a metric of its own, billed monthly.
 */
public final class EmbeddedMetrics {
    static final String DEFAULT_NAMESPACE = "TrustCenter/Drafts";

    private final String namespace;
    private final String functionName;

    public EmbeddedMetrics(String namespace, String functionName) {
        this.namespace = namespace;
        this.functionName = functionName;
    }

    /** The namespace from {@code METRICS_NAMESPACE}, the dimension from Lambda's {@code AWS_LAMBDA_FUNCTION_NAME}. */
    public static EmbeddedMetrics create(Environment env) {
        return new EmbeddedMetrics(env.orDefault("METRICS_NAMESPACE", DEFAULT_NAMESPACE),
                env.orDefault("AWS_LAMBDA_FUNCTION_NAME", "local"));
    }

    /**
     * A summary line's key/value pairs followed by those that record the request's outcome as metrics.
     *
     * @param status the HTTP status answered (for a scheduled run, that of its outcome)
     * @param errorCode the API error code when the request failed, else null
     */
    public Object[] request(int status, String errorCode, boolean replayed, long latencyMs, Object... summary) {
        boolean failed = errorCode != null;
        boolean serverError = status >= 500;
        String errorMetric = serverError ? "ServerErrors" : "ClientErrors";
        List<Object> fields = new ArrayList<>(summary.length + 20);
        fields.addAll(Arrays.asList(summary));
        fields.addAll(List.of("_aws", directive(failed ? errorMetric : null), "FunctionName", functionName));
        if (failed) {
            fields.addAll(List.of("ErrorCode", errorCode));
        }
        fields.addAll(List.of(
                "DraftsCreated", !failed && !replayed ? 1 : 0,
                "Replays", !failed && replayed ? 1 : 0,
                "ClientErrors", failed && !serverError ? 1 : 0,
                "ServerErrors", serverError ? 1 : 0,
                "Latency", latencyMs));
        return fields.toArray();
    }

    /** The {@code _aws} object; {@code byCodeMetric} also counts under the error code when not null. */
    private JsonLogger.RawJson directive(String byCodeMetric) {
        long timestamp = System.currentTimeMillis();
        return json -> {
            json.writeStartObject();
            json.writeNumberField("Timestamp", timestamp);
            json.writeArrayFieldStart("CloudWatchMetrics");
            writeDirective(json, List.of("FunctionName"), List.of("DraftsCreated", "Replays", "ClientErrors",
                    "ServerErrors"), true);
            if (byCodeMetric != null) {
                writeDirective(json, List.of("FunctionName", "ErrorCode"), List.of(byCodeMetric), false);
            }
            json.writeEndArray();
            json.writeEndObject();
        };
    }

    private void writeDirective(JsonGenerator json, List<String> dimensions, List<String> counts, boolean latency)
            throws IOException {
        json.writeStartObject();
        json.writeStringField("Namespace", namespace);
        json.writeArrayFieldStart("Dimensions");
        json.writeStartArray();
        for (String dimension : dimensions) {
            json.writeString(dimension);
        }
        json.writeEndArray();
        json.writeEndArray();
        json.writeArrayFieldStart("Metrics");
        for (String count : counts) {
            writeMetric(json, count, "Count");
        }
        if (latency) {
            writeMetric(json, "Latency", "Milliseconds");
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static void writeMetric(JsonGenerator json, String name, String unit) throws IOException {
        json.writeStartObject();
        json.writeStringField("Name", name);
        json.writeStringField("Unit", unit);
        json.writeEndObject();
    }
}

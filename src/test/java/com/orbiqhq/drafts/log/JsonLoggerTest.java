package com.orbiqhq.drafts.log;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orbiqhq.drafts.log.JsonLogger.Level;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JsonLoggerTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void info_outsideInvocation_writesOneJsonLineWithoutRequestFields() throws IOException {
        JsonLogger log = new JsonLogger(stream, Level.INFO);

        log.info("function ready");

        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(1);
        JsonNode line = lines.get(0);
        assertThat(line.get("level").textValue()).isEqualTo("INFO");
        assertThat(line.get("message").textValue()).isEqualTo("function ready");
        assertThat(line.has("requestId")).isFalse();
        assertThat(line.has("coldStart")).isFalse();
    }

    @Test
    void info_timestamp_isCurrentIsoInstant() throws IOException {
        JsonLogger log = new JsonLogger(stream, Level.INFO);
        Instant before = Instant.now();

        log.info("tick");

        Instant logged = Instant.parse(lines().get(0).get("timestamp").textValue());
        assertThat(logged).isBetween(before, Instant.now().plus(Duration.ofSeconds(1)));
    }

    @Test
    void beginInvocation_linesInsideScope_carryRequestIdAndColdStart() throws IOException {
        JsonLogger log = new JsonLogger(stream, Level.INFO);

        try (JsonLogger.Scope scope = log.beginInvocation("req-1", true)) {
            log.info("first");
            log.warn("second");
        }
        log.info("after");

        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(3);
        assertThat(lines.subList(0, 2)).allSatisfy(line -> {
            assertThat(line.get("requestId").textValue()).isEqualTo("req-1");
            assertThat(line.get("coldStart").isBoolean()).isTrue();
            assertThat(line.get("coldStart").booleanValue()).isTrue();
        });
        assertThat(lines.get(1).get("level").textValue()).isEqualTo("WARN");
        assertThat(lines.get(2).has("requestId")).isFalse();
        assertThat(lines.get(2).has("coldStart")).isFalse();
    }

    @Test
    void beginInvocation_warmStart_reportsColdStartFalse() throws IOException {
        JsonLogger log = new JsonLogger(stream, Level.INFO);

        try (JsonLogger.Scope scope = log.beginInvocation("req-2", false)) {
            log.info("warm");
        }

        JsonNode line = lines().get(0);
        assertThat(line.get("requestId").textValue()).isEqualTo("req-2");
        assertThat(line.get("coldStart").booleanValue()).isFalse();
    }

    @Test
    void beginInvocation_nestedScopeClosed_restoresOuterRequestId() throws IOException {
        JsonLogger log = new JsonLogger(stream, Level.INFO);

        try (JsonLogger.Scope outer = log.beginInvocation("outer", true)) {
            try (JsonLogger.Scope inner = log.beginInvocation("inner", false)) {
                log.info("in inner");
            }
            log.info("back in outer");
        }

        List<JsonNode> lines = lines();
        assertThat(lines.get(0).get("requestId").textValue()).isEqualTo("inner");
        assertThat(lines.get(1).get("requestId").textValue()).isEqualTo("outer");
    }

    @Test
    void info_keyValues_keepTheirJsonTypes() throws IOException {
        JsonLogger log = new JsonLogger(stream, Level.INFO);

        log.info("request done", "status", 201, "latencyMs", 42L, "ratio", 0.5, "replayed", true,
                "tenant", "acme", "document", null, "outcome", Level.WARN);

        JsonNode line = lines().get(0);
        assertThat(line.get("status").isInt()).isTrue();
        assertThat(line.get("status").intValue()).isEqualTo(201);
        assertThat(line.get("latencyMs").isIntegralNumber()).isTrue();
        assertThat(line.get("latencyMs").longValue()).isEqualTo(42L);
        assertThat(line.get("ratio").isNumber()).isTrue();
        assertThat(line.get("ratio").doubleValue()).isEqualTo(0.5);
        assertThat(line.get("replayed").isBoolean()).isTrue();
        assertThat(line.get("replayed").booleanValue()).isTrue();
        assertThat(line.get("tenant").textValue()).isEqualTo("acme");
        assertThat(line.has("document")).isTrue();
        assertThat(line.get("document").isNull()).isTrue();
        assertThat(line.get("outcome").textValue()).isEqualTo("WARN");
    }

    @Test
    void debug_atInfoThreshold_isDropped() throws IOException {
        JsonLogger log = new JsonLogger(stream, Level.INFO);

        log.debug("step", "attempt", 1);
        log.info("summary");

        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).get("message").textValue()).isEqualTo("summary");
        assertThat(log.isEnabled(Level.DEBUG)).isFalse();
        assertThat(log.isEnabled(Level.INFO)).isTrue();
    }

    @Test
    void debug_atDebugThreshold_isWritten() throws IOException {
        JsonLogger log = new JsonLogger(stream, Level.DEBUG);

        log.debug("step", "attempt", 1);

        JsonNode line = lines().get(0);
        assertThat(line.get("level").textValue()).isEqualTo("DEBUG");
        assertThat(line.get("attempt").intValue()).isEqualTo(1);
    }

    @Test
    void warn_atErrorThreshold_isDropped() throws IOException {
        JsonLogger log = new JsonLogger(stream, Level.ERROR);

        log.info("info");
        log.warn("warn");
        log.error("error", null);

        List<JsonNode> lines = lines();
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0).get("level").textValue()).isEqualTo("ERROR");
    }

    @ParameterizedTest
    @CsvSource({
        "TRACE, DEBUG",
        "trace, DEBUG",
        "DEBUG, DEBUG",
        "debug, DEBUG",
        "INFO, INFO",
        "info, INFO",
        "WARN, WARN",
        "WARNING, WARN",
        "warning, WARN",
        "ERROR, ERROR",
        "FATAL, ERROR",
        "fatal, ERROR",
        "VERBOSE, INFO",
        "'', INFO"
    })
    void parseLevel_name_mapsToLevel(String name, Level expected) {
        Level level = JsonLogger.parseLevel(name);

        assertThat(level).isEqualTo(expected);
    }

    @Test
    void error_withThrowable_addsErrorTypeAndStackTrace() throws IOException {
        JsonLogger log = new JsonLogger(stream, Level.INFO);
        IllegalStateException failure = new IllegalStateException("database gone", new RuntimeException("root"));

        log.error("request failed", failure, "code", "internal_error");

        JsonNode line = lines().get(0);
        assertThat(line.get("level").textValue()).isEqualTo("ERROR");
        assertThat(line.get("code").textValue()).isEqualTo("internal_error");
        assertThat(line.get("errorType").textValue()).isEqualTo("java.lang.IllegalStateException");
        assertThat(line.get("stackTrace").textValue())
                .contains("java.lang.IllegalStateException: database gone")
                .contains("Caused by: java.lang.RuntimeException: root")
                .contains("JsonLoggerTest");
    }

    @Test
    void error_withoutThrowable_hasNoErrorFields() throws IOException {
        JsonLogger log = new JsonLogger(stream, Level.INFO);

        log.error("request failed", null);

        JsonNode line = lines().get(0);
        assertThat(line.has("errorType")).isFalse();
        assertThat(line.has("stackTrace")).isFalse();
    }

    @Test
    void info_messageWithQuotesAndNewlines_staysOneValidJsonLine() throws IOException {
        JsonLogger log = new JsonLogger(stream, Level.INFO);
        String message = "he said \"hi\"\nsecond line\r\n\ttabbed \\ back\u0000slash";

        log.info(message, "note", "a\nb\"c");

        String text = output.toString(StandardCharsets.UTF_8);
        assertThat(text.lines()).hasSize(1);
        JsonNode line = MAPPER.readTree(text);
        assertThat(line.get("message").textValue()).isEqualTo(message);
        assertThat(line.get("note").textValue()).isEqualTo("a\nb\"c");
    }

    @Test
    void error_stackTraceWithNewlines_staysOneLine() throws IOException {
        JsonLogger log = new JsonLogger(stream, Level.INFO);

        log.error("failed", new IllegalArgumentException("multi\nline"));

        String text = output.toString(StandardCharsets.UTF_8);
        assertThat(text.lines()).hasSize(1);
        assertThat(MAPPER.readTree(text).get("stackTrace").textValue()).contains("\n");
    }

    private List<JsonNode> lines() throws IOException {
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : output.toString(StandardCharsets.UTF_8).split("\n")) {
            JsonNode node = MAPPER.readTree(line);
            assertThat(node.isObject()).as("line is a JSON object: %s", line).isTrue();
            parsed.add(node);
        }
        return parsed;
    }
}

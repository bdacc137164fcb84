package com.orbiqhq.drafts.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.orbiqhq.drafts.draft.Draft;
import com.orbiqhq.drafts.draft.DraftResult;
import com.orbiqhq.drafts.error.ApiException;
import com.orbiqhq.drafts.error.ClientException;
import com.orbiqhq.drafts.error.ErrorCode;
import com.orbiqhq.drafts.error.ServiceException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ApiResponsesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String BASE_URL = "https://docs.orbiqhq.com/errors";
    private static final String REQUEST_ID = "c0ffee00-1111-2222-3333-444455556666";
    private static final String DOCUMENT_ID = "7f1c2a6e-0d3b-4c8e-9a51-2b6f0e4d7c19";
    private static final String VERSION_ID = "b9db1e63-3c9c-4b37-a1b1-29d9a7df0a46";
    private static final Instant CREATED = Instant.parse("2025-04-30T09:30:00Z");

    /** The contract's table, written out independently of {@link ErrorCode}. */
    private static final Map<ErrorCode, Expected> CONTRACT = Map.of(
            ErrorCode.VALIDATION_FAILED, new Expected(400, "validation_failed", "validation",
                    "source_version_id must refer to an existing version."),
            ErrorCode.UNAUTHORIZED, new Expected(401, "unauthorized", "unauthorized", "Authentication required."),
            ErrorCode.FORBIDDEN, new Expected(403, "forbidden", "forbidden",
                    "Not allowed to create document versions."),
            ErrorCode.NOT_FOUND, new Expected(404, "not_found", "not-found", "Document not found."),
            ErrorCode.CONFLICT, new Expected(409, "conflict", "conflict",
                    "A request with this Idempotency-Key is still in progress."),
            ErrorCode.PAYLOAD_TOO_LARGE, new Expected(413, "payload_too_large", "payload-too-large",
                    "Request body must be at most 16384 bytes."),
            ErrorCode.UNSUPPORTED_MEDIA_TYPE, new Expected(415, "unsupported_media_type", "unsupported-media-type",
                    "Content-Type must be application/json."),
            ErrorCode.IDEMPOTENCY_KEY_REUSED, new Expected(422, "idempotency_key_reused", "idempotency-key-reused",
                    "Idempotency-Key was already used with a different request body."),
            ErrorCode.INTERNAL_ERROR, new Expected(500, "internal_error", "internal", "Unexpected server error."),
            ErrorCode.SERVICE_UNAVAILABLE, new Expected(503, "service_unavailable", "service-unavailable",
                    "The service is temporarily unavailable; retry later."));

    private final ApiResponses responses = new ApiResponses(BASE_URL);

    @Test
    void created_newDraft_returns201WithHeaders() {
        DraftResult result = new DraftResult(draft("Q2 Refresh"), false);

        ProxyResponse response = responses.created(REQUEST_ID, DOCUMENT_ID, result);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers())
                .containsEntry("Content-Type", "application/json")
                .containsEntry("X-Request-Id", REQUEST_ID)
                .containsEntry("Location", "/api/v1/documents/" + DOCUMENT_ID + "/versions/" + VERSION_ID)
                .doesNotContainKey("Idempotent-Replayed")
                .doesNotContainKey("WWW-Authenticate")
                .doesNotContainKey("Retry-After");
    }

    @Test
    void created_replayedDraft_addsIdempotentReplayedHeader() {
        DraftResult result = new DraftResult(draft("Q2 Refresh"), true);

        ProxyResponse response = responses.created(REQUEST_ID, DOCUMENT_ID, result);

        assertThat(response.statusCode()).isEqualTo(201);
        assertThat(response.headers()).containsEntry("Idempotent-Replayed", "true");
    }

    @Test
    void created_namedDraft_bodyHasExactlyTheEightVersionFields() throws IOException {
        DraftResult result = new DraftResult(draft("Q2 Refresh"), false);

        ProxyResponse response = responses.created(REQUEST_ID, DOCUMENT_ID, result);

        JsonNode body = MAPPER.readTree(response.body());
        assertThat(fieldNames(body)).containsExactly("success", "data");
        assertThat(body.get("success").isBoolean()).isTrue();
        assertThat(body.get("success").booleanValue()).isTrue();
        assertThat(fieldNames(body.get("data"))).containsExactly("version");
        JsonNode version = body.get("data").get("version");
        assertThat(fieldNames(version)).containsExactlyInAnyOrder("id", "key", "name", "status", "is_active",
                "date_created", "date_updated", "modified_fields");
        assertThat(version.get("id").textValue()).isEqualTo(VERSION_ID);
        assertThat(version.get("key").textValue()).isEqualTo("draft_1746005400000");
        assertThat(version.get("name").textValue()).isEqualTo("Q2 Refresh");
        assertThat(version.get("status").textValue()).isEqualTo("draft");
        assertThat(version.get("is_active").isBoolean()).isTrue();
        assertThat(version.get("is_active").booleanValue()).isFalse();
        assertThat(version.get("date_created").textValue()).isEqualTo("2025-04-30T09:30:00Z");
        assertThat(version.get("date_updated").textValue()).isEqualTo("2025-04-30T09:30:00Z");
        assertThat(version.get("modified_fields").isArray()).isTrue();
        assertThat(version.get("modified_fields")).isEmpty();
    }

    @Test
    void created_unnamedDraft_writesNameAsJsonNull() throws IOException {
        DraftResult result = new DraftResult(draft(null), false);

        ProxyResponse response = responses.created(REQUEST_ID, DOCUMENT_ID, result);

        JsonNode version = MAPPER.readTree(response.body()).get("data").get("version");
        assertThat(version.has("name")).isTrue();
        assertThat(version.get("name").isNull()).isTrue();
    }

    @Test
    void created_nameWithQuotesAndNonAscii_roundTripsThroughJson() throws IOException {
        String name = "\"Q2\" Überarbeitung \\ \uD83D\uDE00 </script>";
        DraftResult result = new DraftResult(draft(name), false);

        ProxyResponse response = responses.created(REQUEST_ID, DOCUMENT_ID, result);

        JsonNode version = MAPPER.readTree(response.body()).get("data").get("version");
        assertThat(version.get("name").textValue()).isEqualTo(name);
    }

    @Test
    void created_modifiedFields_areListedInOrder() throws IOException {
        Draft draft = new Draft(VERSION_ID, "draft_1746005400000", null, CREATED, List.of("title", "body"));

        ProxyResponse response = responses.created(REQUEST_ID, DOCUMENT_ID,
                new DraftResult(draft, false));

        JsonNode fields = MAPPER.readTree(response.body()).get("data").get("version").get("modified_fields");
        assertThat(fields).extracting(JsonNode::textValue).containsExactly("title", "body");
    }

    @ParameterizedTest
    @EnumSource(ErrorCode.class)
    void error_everyErrorCode_hasContractStatusAndFourExactStringFields(ErrorCode code) throws IOException {
        Expected expected = CONTRACT.get(code);
        ApiException failure = failureFor(code);

        ProxyResponse response = responses.error(REQUEST_ID, failure);

        assertThat(expected).as("contract row for %s", code).isNotNull();
        assertThat(response.statusCode()).isEqualTo(expected.status());
        assertThat(response.headers())
                .containsEntry("Content-Type", "application/json")
                .containsEntry("X-Request-Id", REQUEST_ID)
                .doesNotContainKey("Location")
                .doesNotContainKey("Idempotent-Replayed");
        JsonNode body = MAPPER.readTree(response.body());
        assertThat(fieldNames(body)).containsExactlyInAnyOrder("type", "code", "message", "doc_url");
        assertThat(body.properties()).allSatisfy(field -> assertThat(field.getValue().isTextual()).isTrue());
        String docUrl = BASE_URL + "/" + expected.slug();
        assertThat(body.get("type").textValue()).isEqualTo(docUrl);
        assertThat(body.get("doc_url").textValue()).isEqualTo(docUrl);
        assertThat(body.get("code").textValue()).isEqualTo(expected.code());
        assertThat(body.get("message").textValue()).isEqualTo(expected.message());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://docs.example.test/errors/", "https://docs.example.test/errors"})
    void error_baseUrlWithOrWithoutTrailingSlash_joinsWithOneSlash(String baseUrl) throws IOException {
        ApiResponses withBase = new ApiResponses(baseUrl);

        ProxyResponse response = withBase.error(REQUEST_ID, ClientException.documentNotFound());

        JsonNode body = MAPPER.readTree(response.body());
        assertThat(body.get("type").textValue()).isEqualTo("https://docs.example.test/errors/not-found");
        assertThat(body.get("doc_url").textValue()).isEqualTo("https://docs.example.test/errors/not-found");
    }

    @Test
    void error_unauthorized_addsBearerChallenge() {
        ApiException failure = ClientException.unauthorized();

        ProxyResponse response = responses.error(REQUEST_ID, failure);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers())
                .containsEntry("WWW-Authenticate", "Bearer")
                .doesNotContainKey("Retry-After");
    }

    @Test
    void error_serviceUnavailable_addsRetryAfter() {
        ApiException failure = ServiceException.unavailable("throttled", new RuntimeException("throttled"));

        ProxyResponse response = responses.error(REQUEST_ID, failure);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers())
                .containsEntry("Retry-After", "2")
                .doesNotContainKey("WWW-Authenticate");
    }

    @ParameterizedTest
    @EnumSource(value = ErrorCode.class, names = {"UNAUTHORIZED", "SERVICE_UNAVAILABLE"},
            mode = EnumSource.Mode.EXCLUDE)
    void error_otherCodes_carryNeitherChallengeNorRetryAfter(ErrorCode code) {
        ApiException failure = failureFor(code);

        ProxyResponse response = responses.error(REQUEST_ID, failure);

        assertThat(response.headers())
                .doesNotContainKey("WWW-Authenticate")
                .doesNotContainKey("Retry-After");
    }

    @Test
    void error_internalFailure_neverLeaksExceptionText() throws IOException {
        ApiException failure = ServiceException.internal(new RuntimeException("secret detail"));

        ProxyResponse response = responses.error(REQUEST_ID, failure);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(MAPPER.readTree(response.body()).get("message").textValue())
                .isEqualTo("Unexpected server error.");
        assertThat(response.body()).doesNotContain("secret detail").doesNotContain("RuntimeException");
        assertThat(response.headers().values()).noneMatch(value -> value.contains("secret detail"));
    }

    @Test
    void error_unavailableFailure_neverLeaksReasonOrCause() {
        ApiException failure = ServiceException.unavailable("table orders-prod throttled",
                new IllegalStateException("secret detail"));

        ProxyResponse response = responses.error(REQUEST_ID, failure);

        assertThat(response.body())
                .doesNotContain("secret detail")
                .doesNotContain("orders-prod")
                .contains("The service is temporarily unavailable; retry later.");
    }

    @Test
    void error_validationMessageWithQuotes_staysValidJson() throws IOException {
        ApiException failure = ClientException.validation("Unknown field '\"},\"x\":\"'; only a and b.");

        ProxyResponse response = responses.error(REQUEST_ID, failure);

        JsonNode body = MAPPER.readTree(response.body());
        assertThat(fieldNames(body)).containsExactlyInAnyOrder("type", "code", "message", "doc_url");
        assertThat(body.get("message").textValue()).isEqualTo("Unknown field '\"},\"x\":\"'; only a and b.");
    }

    private static Draft draft(String name) {
        return new Draft(VERSION_ID, "draft_1746005400000", name, CREATED, List.of());
    }

    private static ApiException failureFor(ErrorCode code) {
        return switch (code) {
            case VALIDATION_FAILED -> ClientException.sourceNotFound();
            case UNAUTHORIZED -> ClientException.unauthorized();
            case FORBIDDEN -> ClientException.forbidden();
            case NOT_FOUND -> ClientException.documentNotFound();
            case CONFLICT -> ClientException.idempotencyInFlight();
            case PAYLOAD_TOO_LARGE -> ClientException.payloadTooLarge(16_384);
            case UNSUPPORTED_MEDIA_TYPE -> ClientException.unsupportedMediaType();
            case IDEMPOTENCY_KEY_REUSED -> ClientException.idempotencyKeyReused();
            case INTERNAL_ERROR -> ServiceException.internal(new IllegalStateException("boom"));
            case SERVICE_UNAVAILABLE -> ServiceException.unavailable("throttled", null);
        };
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private record Expected(int status, String code, String slug, String message) {
    }
}

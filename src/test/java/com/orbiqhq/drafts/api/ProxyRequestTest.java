package com.orbiqhq.drafts.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.ProxyRequestContext;
import com.orbiqhq.drafts.error.ClientException;
import com.orbiqhq.drafts.error.ErrorCode;
import com.orbiqhq.drafts.error.ServiceException;
import com.orbiqhq.drafts.testing.LambdaEvents;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ProxyRequestTest {
    private static final int LIMIT = 16_384;
    private static final ClientException AMBIGUITY = ClientException.validation("Idempotency-Key appears twice.");
    private static final Supplier<ClientException> AMBIGUOUS = () -> AMBIGUITY;

    @ParameterizedTest
    @ValueSource(strings = {"Idempotency-Key", "idempotency-key", "IDEMPOTENCY-KEY", "iDeMpOtEnCy-KeY"})
    void header_inSingleValueMapWithAnyCase_isFound(String sentName) {
        ProxyRequest request = read(new APIGatewayProxyRequestEvent()
                .withHeaders(Map.of(sentName, "key-1")));

        String value = request.header("Idempotency-Key", AMBIGUOUS);

        assertThat(value).isEqualTo("key-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Idempotency-Key", "idempotency-key", "IDEMPOTENCY-KEY"})
    void header_inMultiValueMapWithAnyCase_isFound(String sentName) {
        ProxyRequest request = read(new APIGatewayProxyRequestEvent()
                .withMultiValueHeaders(Map.of(sentName, List.of("key-1"))));

        String value = request.header("idempotency-key", AMBIGUOUS);

        assertThat(value).isEqualTo("key-1");
    }

    @Test
    void header_sameValueInBothMaps_returnsIt() {
        ProxyRequest request = read(new APIGatewayProxyRequestEvent()
                .withHeaders(Map.of("Idempotency-Key", "key-1"))
                .withMultiValueHeaders(Map.of("idempotency-key", List.of("key-1", "key-1"))));

        String value = request.header("Idempotency-Key", AMBIGUOUS);

        assertThat(value).isEqualTo("key-1");
    }

    @Test
    void header_differentValuesAcrossMaps_throwsGivenException() {
        ProxyRequest request = read(new APIGatewayProxyRequestEvent()
                .withHeaders(Map.of("Idempotency-Key", "key-1"))
                .withMultiValueHeaders(Map.of("Idempotency-Key", List.of("key-2"))));

        Throwable thrown = catchThrowable(() -> request.header("Idempotency-Key", AMBIGUOUS));

        assertThat(thrown).isSameAs(AMBIGUITY);
    }

    @Test
    void header_differentValuesInMultiValueList_throwsGivenException() {
        ProxyRequest request = read(new APIGatewayProxyRequestEvent()
                .withMultiValueHeaders(Map.of("Idempotency-Key", List.of("key-1", "key-2"))));

        Throwable thrown = catchThrowable(() -> request.header("Idempotency-Key", AMBIGUOUS));

        assertThat(thrown).isSameAs(AMBIGUITY);
    }

    @Test
    void header_differentValuesUnderNamesDifferingInCase_throwsGivenException() {
        ProxyRequest request = read(new APIGatewayProxyRequestEvent()
                .withHeaders(Map.of("Idempotency-Key", "key-1", "idempotency-key", "key-2")));

        Throwable thrown = catchThrowable(() -> request.header("Idempotency-Key", AMBIGUOUS));

        assertThat(thrown).isSameAs(AMBIGUITY);
    }

    @Test
    void header_absent_returnsNull() {
        ProxyRequest request = read(new APIGatewayProxyRequestEvent()
                .withHeaders(Map.of("Content-Type", "application/json"))
                .withMultiValueHeaders(Map.of("Content-Type", List.of("application/json"))));

        String value = request.header("Idempotency-Key", AMBIGUOUS);

        assertThat(value).isNull();
    }

    @Test
    void header_noHeaderMapsAtAll_returnsNull() {
        ProxyRequest request = read(new APIGatewayProxyRequestEvent());

        String value = request.header("Idempotency-Key", AMBIGUOUS);

        assertThat(value).isNull();
    }

    @Test
    void header_nullEvent_returnsNull() {
        ProxyRequest request = read(null);

        String value = request.header("Idempotency-Key", AMBIGUOUS);

        assertThat(value).isNull();
    }

    @ParameterizedTest
    @NullAndEmptySource
    void body_nullOrEmpty_returnsNoBytes(String body) {
        ProxyRequest request = read(new APIGatewayProxyRequestEvent().withBody(body));

        byte[] bytes = request.body(LIMIT);

        assertThat(bytes).isEmpty();
    }

    @Test
    void body_emptyAndBase64Encoded_returnsNoBytes() {
        ProxyRequest request = read(new APIGatewayProxyRequestEvent().withBody("")
                .withIsBase64Encoded(true));

        byte[] bytes = request.body(LIMIT);

        assertThat(bytes).isEmpty();
    }

    @Test
    void body_plainText_returnsUtf8Bytes() {
        String body = "{\"name\":\"Qualität ✓ \uD83D\uDE00\"}";
        ProxyRequest request = read(new APIGatewayProxyRequestEvent().withBody(body)
                .withIsBase64Encoded(false));

        byte[] bytes = request.body(LIMIT);

        assertThat(bytes).isEqualTo(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void body_base64Encoded_returnsDecodedBytes() {
        byte[] original = "{\"name\":\"Qualität\"}".getBytes(StandardCharsets.UTF_8);
        ProxyRequest request = base64Request(Base64.getEncoder().encodeToString(original));

        byte[] bytes = request.body(LIMIT);

        assertThat(bytes).isEqualTo(original);
    }

    @Test
    void body_base64LookingTextNotFlaggedAsEncoded_isTakenLiterally() {
        ProxyRequest request = read(new APIGatewayProxyRequestEvent().withBody("e30="));

        byte[] bytes = request.body(LIMIT);

        assertThat(bytes).isEqualTo("e30=".getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"A", "e30=A", "QQ=Q", "QQ==QQ==", "not base64!", "%%%%", "e3 0=", "QUJD*"})
    void body_invalidBase64_isRefusedAsValidationFailure(String body) {
        ProxyRequest request = base64Request(body);

        Throwable thrown = catchThrowable(() -> request.body(LIMIT));

        assertThat(thrown).isInstanceOf(ClientException.class);
        ClientException failure = (ClientException) thrown;
        assertThat(failure.errorCode()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(failure.getMessage()).isEqualTo("Request body is not valid base64.");
    }

    @Test
    void body_plainAtLimit_isAccepted() {
        ProxyRequest request = read(new APIGatewayProxyRequestEvent().withBody("x".repeat(LIMIT)));

        byte[] bytes = request.body(LIMIT);

        assertThat(bytes).hasSize(LIMIT);
    }

    @Test
    void body_plainOneByteOverLimit_isRefusedAsTooLarge() {
        ProxyRequest request = read(new APIGatewayProxyRequestEvent().withBody("x".repeat(LIMIT + 1)));

        Throwable thrown = catchThrowable(() -> request.body(LIMIT));

        assertPayloadTooLarge(thrown);
    }

    @Test
    void body_multiByteCharactersUnderLimitButBytesOver_isRefusedAsTooLarge() {
        String body = "é".repeat(LIMIT / 2 + 1);
        ProxyRequest request = read(new APIGatewayProxyRequestEvent().withBody(body));

        Throwable thrown = catchThrowable(() -> request.body(LIMIT));

        assertThat(body.length()).isLessThanOrEqualTo(LIMIT);
        assertPayloadTooLarge(thrown);
    }

    @Test
    void body_multiByteCharactersExactlyAtLimit_isAccepted() {
        String body = "é".repeat(LIMIT / 2);
        ProxyRequest request = read(new APIGatewayProxyRequestEvent().withBody(body));

        byte[] bytes = request.body(LIMIT);

        assertThat(bytes).hasSize(LIMIT);
    }

    @Test
    void body_base64DecodingToExactlyTheLimit_isAccepted() {
        byte[] original = filled(LIMIT);
        String encoded = Base64.getEncoder().encodeToString(original);
        ProxyRequest request = base64Request(encoded);

        byte[] bytes = request.body(LIMIT);

        assertThat(encoded.length()).isGreaterThan(LIMIT);
        assertThat(bytes).isEqualTo(original);
    }

    @Test
    void body_base64DecodingToOneByteOverLimit_isRefusedAsTooLarge() {
        ProxyRequest request = base64Request(Base64.getEncoder().encodeToString(filled(LIMIT + 1)));

        Throwable thrown = catchThrowable(() -> request.body(LIMIT));

        assertPayloadTooLarge(thrown);
    }

    @Test
    void body_base64FarOverLimit_isRefusedAsTooLarge() {
        ProxyRequest request = base64Request(Base64.getEncoder().encodeToString(filled(LIMIT * 4)));

        Throwable thrown = catchThrowable(() -> request.body(LIMIT));

        assertPayloadTooLarge(thrown);
    }

    @Test
    void body_oversizedBase64ThatIsAlsoInvalid_isRefusedAsTooLargeBeforeDecoding() {
        ProxyRequest request = base64Request("!".repeat(LIMIT * 2));

        Throwable thrown = catchThrowable(() -> request.body(LIMIT));

        assertPayloadTooLarge(thrown);
    }

    @Test
    void requestId_fromRequestContext_winsOverLambdaContext() {
        ProxyRequest request = read(new APIGatewayProxyRequestEvent()
                .withRequestContext(new ProxyRequestContext().withRequestId("gateway-id")));

        String requestId = request.requestId(new StubContext("lambda-id"));

        assertThat(requestId).isEqualTo("gateway-id");
    }

    @Test
    void requestId_withoutRequestContext_comesFromLambdaContext() {
        ProxyRequest request = read(new APIGatewayProxyRequestEvent());

        String requestId = request.requestId(new StubContext("lambda-id"));

        assertThat(requestId).isEqualTo("lambda-id");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"  "})
    void requestId_blankGatewayRequestId_comesFromLambdaContext(String gatewayId) {
        ProxyRequest request = read(new APIGatewayProxyRequestEvent()
                .withRequestContext(new ProxyRequestContext().withRequestId(gatewayId)));

        String requestId = request.requestId(new StubContext("lambda-id"));

        assertThat(requestId).isEqualTo("lambda-id");
    }

    @Test
    void requestId_withoutAnyId_isFreshUuid() {
        ProxyRequest request = read(new APIGatewayProxyRequestEvent());

        String first = request.requestId(null);
        String second = request.requestId(new StubContext(null));

        assertThat(UUID.fromString(first).toString()).isEqualTo(first);
        assertThat(UUID.fromString(second).toString()).isEqualTo(second);
        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void pathParameter_present_returnsIt() {
        ProxyRequest request = read(new APIGatewayProxyRequestEvent()
                .withPathParameters(Map.of("id", "doc-1")));

        String id = request.pathParameter("id");

        assertThat(id).isEqualTo("doc-1");
    }

    @Test
    void pathParameter_noParameters_returnsNull() {
        ProxyRequest request = read(new APIGatewayProxyRequestEvent());

        String id = request.pathParameter("id");

        assertThat(id).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "application/json",
        "application/json; charset=utf-8",
        "application/json;charset=UTF-8",
        " application/json ",
        "Application/JSON",
        "application/merge-patch+json",
        "application/vnd.api+json",
        "application/problem+json; charset=utf-8"
    })
    void isJson_jsonMediaType_isAccepted(String contentType) {
        boolean json = ProxyRequest.isJson(contentType);

        assertThat(json).isTrue();
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {
        "text/plain",
        "application/jsonx",
        "application/x-www-form-urlencoded",
        "multipart/form-data",
        "+json",
        "application/+json",
        "application/",
        "/json",
        "json",
        "application/json-seq",
        "application/xjson",
        "; charset=utf-8"
    })
    void isJson_otherMediaType_isRefused(String contentType) {
        boolean json = ProxyRequest.isJson(contentType);

        assertThat(json).isFalse();
    }

    private static ProxyRequest base64Request(String body) {
        return read(new APIGatewayProxyRequestEvent().withBody(body).withIsBase64Encoded(true));
    }

    private static byte[] filled(int size) {
        byte[] bytes = new byte[size];
        for (int i = 0; i < size; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    private static void assertPayloadTooLarge(Throwable thrown) {
        assertThat(thrown).isInstanceOf(ClientException.class);
        ClientException failure = (ClientException) thrown;
        assertThat(failure.errorCode()).isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
        assertThat(failure.getMessage()).isEqualTo("Request body must be at most 16384 bytes.");
    }

    /** Only the request id matters to the code under test; everything else is deliberately empty. */
    private record StubContext(String awsRequestId) implements Context {
        @Override
        public String getAwsRequestId() {
            return awsRequestId;
        }

        @Override
        public String getLogGroupName() {
            return null;
        }

        @Override
        public String getLogStreamName() {
            return null;
        }

        @Override
        public String getFunctionName() {
            return "create-version";
        }

        @Override
        public String getFunctionVersion() {
            return "$LATEST";
        }

        @Override
        public String getInvokedFunctionArn() {
            return null;
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return 10_000;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 512;
        }

        @Override
        public LambdaLogger getLogger() {
            return null;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"text\"", "{\"headers\": []}", "{\"headers\": {\"a\": 1}}",
        "{\"multiValueHeaders\": {\"a\": \"b\"}}", "{\"body\": {}}",
        "{\"requestContext\": \"x\"}", "{} {}", "{", ""})
    void read_notAProxyEvent_isRefusedAsOurFault(String json) {
        ProxyRequest request = ProxyRequest.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));

        Throwable thrown = catchThrowable(request::requireProxyEvent);

        assertThat(thrown).isInstanceOf(ServiceException.class);
        assertThat(((ServiceException) thrown).errorCode()).isEqualTo(ErrorCode.INTERNAL_ERROR);
    }

    @Test
    void read_eventWithFieldsThisApiDoesNotUse_skipsThem() {
        String json = "{\"resource\": \"/x\", \"stageVariables\": null, \"requestContext\": {\"identity\":"
                + " {\"sourceIp\": \"192.0.2.1\"}, \"requestId\": \"r-7\", \"authorizer\": {\"claims\": [1, {}]}},"
                + " \"headers\": {\"Authorization\": null, \"X-Other\": \"1\"}, \"pathParameters\": {\"id\": \"d\"},"
                + " \"body\": null, \"isBase64Encoded\": false}";

        ProxyRequest request = ProxyRequest.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));

        request.requireProxyEvent();
        assertThat(request.requestId(null)).isEqualTo("r-7");
        assertThat(request.pathParameter("id")).isEqualTo("d");
        assertThat(request.header("Authorization", AMBIGUOUS)).isNull();
        assertThat(request.header("x-other", AMBIGUOUS)).isEqualTo("1");
        assertThat(request.body(LIMIT)).isEmpty();
    }

    private static ProxyRequest read(APIGatewayProxyRequestEvent event) {
        return ProxyRequest.read(new ByteArrayInputStream(LambdaEvents.json(event)));
    }
}

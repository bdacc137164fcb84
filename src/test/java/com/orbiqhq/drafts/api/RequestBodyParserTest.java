package com.orbiqhq.drafts.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.orbiqhq.drafts.error.ClientException;
import com.orbiqhq.drafts.error.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestBodyParserTest {
    private static final String NOT_JSON = "Request body is not valid JSON.";
    private static final String NOT_AN_OBJECT = "Request body must be a JSON object.";
    private static final String NOT_ONE_OBJECT = "Request body must hold exactly one JSON object.";
    private static final String BAD_SOURCE = "source_version_id must be a version UUID or \"current\".";
    private static final String BAD_NAME_TEXT = "name must not contain control characters or invalid Unicode.";
    private static final String NAME_TOO_LONG = "name must be at most 255 characters.";
    private static final String UNKNOWN_SUFFIX = "; only source_version_id and name are accepted.";
    private static final String GRINNING_FACE = "\uD83D\uDE00";

    @Test
    void parse_emptyBody_returnsEmptyBody() {
        byte[] body = new byte[0];

        CreateVersionBody parsed = RequestBodyParser.parse(body);

        assertThat(parsed).isSameAs(CreateVersionBody.EMPTY);
    }

    @Test
    void parse_emptyObject_returnsNoSourceAndNoName() {
        byte[] body = utf8("{}");

        CreateVersionBody parsed = RequestBodyParser.parse(body);

        assertThat(parsed).isEqualTo(new CreateVersionBody(null, null));
    }

    @Test
    void parse_objectWithWhitespaceAround_isAccepted() {
        byte[] body = utf8(" \n\t{ \"name\" : \"Q2 Refresh\" }\r\n ");

        CreateVersionBody parsed = RequestBodyParser.parse(body);

        assertThat(parsed).isEqualTo(new CreateVersionBody(null, "Q2 Refresh"));
    }

    @Test
    void parse_bothFields_returnsThem() {
        byte[] body = utf8("{\"source_version_id\":\"b9db1e63-3c9c-4b37-a1b1-29d9a7df0a46\",\"name\":\"Q2 Refresh\"}");

        CreateVersionBody parsed = RequestBodyParser.parse(body);

        assertThat(parsed).isEqualTo(new CreateVersionBody("b9db1e63-3c9c-4b37-a1b1-29d9a7df0a46", "Q2 Refresh"));
    }

    @Test
    void parse_sourceCurrent_returnsNullSource() {
        byte[] body = utf8("{\"source_version_id\":\"current\",\"name\":\"Q2 Refresh\"}");

        CreateVersionBody parsed = RequestBodyParser.parse(body);

        assertThat(parsed.sourceVersionId()).isNull();
        assertThat(parsed.name()).isEqualTo("Q2 Refresh");
    }

    @Test
    void parse_upperCaseUuid_returnsLowerCaseUuid() {
        byte[] body = utf8("{\"source_version_id\":\"B9DB1E63-3C9C-4B37-A1B1-29D9A7DF0A46\"}");

        CreateVersionBody parsed = RequestBodyParser.parse(body);

        assertThat(parsed.sourceVersionId()).isEqualTo("b9db1e63-3c9c-4b37-a1b1-29d9a7df0a46");
    }

    @Test
    void parse_nullValues_returnsNoSourceAndNoName() {
        byte[] body = utf8("{\"source_version_id\":null,\"name\":null}");

        CreateVersionBody parsed = RequestBodyParser.parse(body);

        assertThat(parsed).isEqualTo(new CreateVersionBody(null, null));
    }

    @Test
    void parse_emptyName_keepsEmptyName() {
        byte[] body = utf8("{\"name\":\"\"}");

        CreateVersionBody parsed = RequestBodyParser.parse(body);

        assertThat(parsed.name()).isEmpty();
    }

    @Test
    void parse_nameOf255CodePointsWithAstralCharacters_isAccepted() {
        String name = GRINNING_FACE.repeat(100) + "a".repeat(155);
        byte[] body = utf8("{\"name\":\"" + name + "\"}");

        CreateVersionBody parsed = RequestBodyParser.parse(body);

        assertThat(name.length()).isEqualTo(355);
        assertThat(parsed.name()).isEqualTo(name);
    }

    @Test
    void parse_nameOf256CodePoints_isRefused() {
        String name = GRINNING_FACE.repeat(100) + "a".repeat(156);
        byte[] body = utf8("{\"name\":\"" + name + "\"}");

        ClientException failure = refusal(body);

        assertValidationFailure(failure, NAME_TOO_LONG);
    }

    @Test
    void parse_nameOf256AsciiCharacters_isRefused() {
        byte[] body = utf8("{\"name\":\"" + "a".repeat(256) + "\"}");

        ClientException failure = refusal(body);

        assertValidationFailure(failure, NAME_TOO_LONG);
    }

    @Test
    void parse_escapedSurrogatePair_isAcceptedAsOneCharacter() {
        byte[] body = utf8("{\"name\":\"smile \\ud83d\\ude00\"}");

        CreateVersionBody parsed = RequestBodyParser.parse(body);

        assertThat(parsed.name()).isEqualTo("smile " + GRINNING_FACE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "not json",
        "{",
        "}",
        "{\"name\":}",
        "{\"name\":\"a\",}",
        "{\"name\":\"a\"",
        "{name:\"a\"}",
        "{'name':'a'}",
        "{\"name\":\"a\" /* comment */}",
        "{\"name\":NaN}",
        "{\"name\" \"a\"}",
        "{} x",
        "{}x",
        "{},",
        "{\"name\":\"a\"} trailing"
    })
    void parse_malformedJson_isRefusedAsNotValidJson(String json) {
        byte[] body = utf8(json);

        ClientException failure = refusal(body);

        assertValidationFailure(failure, NOT_JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}{}", "{} {}", "{\"name\":\"a\"}\n{\"name\":\"b\"}", "{} []", "{} 1", "{} null"})
    void parse_moreThanOneValue_isRefused(String json) {
        byte[] body = utf8(json);

        ClientException failure = refusal(body);

        assertValidationFailure(failure, NOT_ONE_OBJECT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "[{}]", "\"text\"", "42", "-1.5", "null", "true", "false", "   "})
    void parse_bodyThatIsNotAnObject_isRefused(String json) {
        byte[] body = utf8(json);

        ClientException failure = refusal(body);

        assertValidationFailure(failure, NOT_AN_OBJECT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"status", "is_active", "key", "id", "date_created", "date_updated", "modified_fields",
        "tenant_id", "Name", "sourceVersionId", ""})
    void parse_unknownField_isRefusedNamingTheField(String field) {
        byte[] body = utf8("{\"" + field + "\":\"x\"}");

        ClientException failure = refusal(body);

        assertValidationFailure(failure, "Unknown field '" + field + "'" + UNKNOWN_SUFFIX);
    }

    @Test
    void parse_massAssignmentNextToValidFields_isRefused() {
        byte[] body = utf8("{\"name\":\"Q2\",\"source_version_id\":\"current\",\"status\":\"published\"}");

        ClientException failure = refusal(body);

        assertValidationFailure(failure, "Unknown field 'status'" + UNKNOWN_SUFFIX);
    }

    @Test
    void parse_unknownFieldWithObjectValue_isRefusedNamingTheField() {
        byte[] body = utf8("{\"is_active\":{\"nested\":true}}");

        ClientException failure = refusal(body);

        assertValidationFailure(failure, "Unknown field 'is_active'" + UNKNOWN_SUFFIX);
    }

    @Test
    void parse_veryLongUnknownField_echoesAtMost65Characters() {
        String field = "x".repeat(10_000);
        byte[] body = utf8("{\"" + field + "\":1}");

        ClientException failure = refusal(body);

        assertValidationFailure(failure, "Unknown field '" + "x".repeat(64) + "…'" + UNKNOWN_SUFFIX);
        assertThat(failure.getMessage()).hasSizeLessThan(140);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"name\":\"a\",\"name\":\"b\"}                                      | name",
        "{\"name\":\"a\",\"name\":\"a\"}                                      | name",
        "{\"name\":null,\"name\":null}                                        | name",
        "{\"source_version_id\":\"current\",\"name\":\"a\",\"source_version_id\":null} | source_version_id"
    })
    void parse_duplicateKey_isRefusedNamingTheField(String json, String field) {
        byte[] body = utf8(json);

        ClientException failure = refusal(body);

        assertValidationFailure(failure, "Field '" + field + "' appears more than once.");
    }

    @Test
    void parse_duplicateKeyWithWrongTypedSecondValue_isRefusedAsDuplicate() {
        byte[] body = utf8("{\"name\":\"a\",\"name\":42}");

        ClientException failure = refusal(body);

        assertValidationFailure(failure, "Field 'name' appears more than once.");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "source_version_id | 1",
        "source_version_id | 1.5",
        "source_version_id | true",
        "source_version_id | false",
        "source_version_id | {}",
        "source_version_id | {\"id\":\"current\"}",
        "source_version_id | []",
        "source_version_id | [\"current\"]",
        "name              | 1",
        "name              | -7e3",
        "name              | true",
        "name              | false",
        "name              | {}",
        "name              | {\"text\":\"a\"}",
        "name              | []",
        "name              | [\"a\"]"
    })
    void parse_wrongType_isRefusedNamingTheField(String field, String value) {
        byte[] body = utf8("{\"" + field + "\":" + value + "}");

        ClientException failure = refusal(body);

        assertValidationFailure(failure, field + " must be a string or null.");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "CURRENT",
        "Current",
        " current",
        "",
        " ",
        "1234",
        "latest",
        "b9db1e63-3c9c-4b37-a1b1-29d9a7df0a4",
        "b9db1e63-3c9c-4b37-a1b1-29d9a7df0a461",
        "b9db1e633c9c4b37a1b129d9a7df0a46",
        "{b9db1e63-3c9c-4b37-a1b1-29d9a7df0a46}",
        "g9db1e63-3c9c-4b37-a1b1-29d9a7df0a46",
        " b9db1e63-3c9c-4b37-a1b1-29d9a7df0a46",
        "b9db1e63-3c9c-4b37-a1b1-29d9a7df0a46\\n"
    })
    void parse_sourceNeitherUuidNorCurrent_isRefused(String source) {
        byte[] body = utf8("{\"source_version_id\":\"" + source + "\"}");

        ClientException failure = refusal(body);

        assertValidationFailure(failure, BAD_SOURCE);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "a\\u0000b",
        "a\\u0001b",
        "tab\\there",
        "line\\nbreak",
        "carriage\\rreturn",
        "delete\\u007f",
        "c1 control \\u0085",
        "lone high \\ud800",
        "lone low \\udc00",
        "reversed pair \\ude00\\ud83d",
        "high at end \\ud83d"
    })
    void parse_nameWithControlCharacterOrLoneSurrogate_isRefused(String escapedName) {
        byte[] body = utf8("{\"name\":\"" + escapedName + "\"}");

        ClientException failure = refusal(body);

        assertValidationFailure(failure, BAD_NAME_TEXT);
    }

    @Test
    void parse_nameWithUnescapedControlCharacter_isRefusedAsNotValidJson() {
        byte[] body = utf8("{\"name\":\"a\u0001b\"}");

        ClientException failure = refusal(body);

        assertValidationFailure(failure, NOT_JSON);
    }

    @ParameterizedTest
    @ValueSource(strings = {"FF", "C3 28", "C1 81", "C0 80", "ED A0 80", "F8 88 80 80 80", "E2 82", "80"})
    void parse_invalidUtf8InName_isRefusedAsNotValidJson(String hexBytes) {
        byte[] body = concat(utf8("{\"name\":\"a"), hex(hexBytes), utf8("b\"}"));

        ClientException failure = refusal(body);

        assertValidationFailure(failure, NOT_JSON);
    }

    @Test
    void parse_invalidUtf8InFieldName_isRefusedAsNotValidJson() {
        byte[] body = concat(utf8("{\""), hex("FE FF"), utf8("\":1}"));

        ClientException failure = refusal(body);

        assertValidationFailure(failure, NOT_JSON);
    }

    private static ClientException refusal(byte[] body) {
        Throwable thrown = catchThrowable(() -> RequestBodyParser.parse(body));
        assertThat(thrown).isInstanceOf(ClientException.class);
        return (ClientException) thrown;
    }

    private static void assertValidationFailure(ClientException failure, String message) {
        assertThat(failure.errorCode()).isEqualTo(ErrorCode.VALIDATION_FAILED);
        assertThat(failure.getMessage()).isEqualTo(message);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] hex(String spacedHex) {
        String[] parts = spacedHex.split(" ");
        byte[] bytes = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            bytes[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        return bytes;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            joined.writeBytes(part);
        }
        return joined.toByteArray();
    }

    @Test
    void parse_numberBeyondParserLimits_isRefusedAsInvalidJson() {
        byte[] body = ("{\"name\": " + "9".repeat(1_001) + "}").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> RequestBodyParser.parse(body))
                .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.publicMessage()).isEqualTo(NOT_JSON));
    }

    @Test
    void parse_longFieldNameEndingInEmoji_isCutOnACharacterBoundary() {
        String field = "a".repeat(63) + GRINNING_FACE + "tail";
        byte[] body = ("{\"" + field + "\": 1}").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> RequestBodyParser.parse(body))
                .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.publicMessage())
                        .contains("a".repeat(63) + GRINNING_FACE + "…"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "\u0000\u0000\u0000{\u0000", "\u0000\u0000\u0000{\u0000\u0011\u0000\u0000", "\u0000{\u0000}"})
    void parse_bytesThatLookLikeUtf16Or32_areRefusedAsInvalidJson(String text) {
        byte[] body = text.getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> RequestBodyParser.parse(body))
                .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.publicMessage()).isEqualTo(NOT_JSON));
    }
}

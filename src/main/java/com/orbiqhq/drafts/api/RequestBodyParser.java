package com.orbiqhq.drafts.api;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.orbiqhq.drafts.draft.DraftNames;
import com.orbiqhq.drafts.draft.Uuids;
import com.orbiqhq.drafts.error.ClientException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;

/**
 * Parses and validates the create-version body with a streaming parser: no object mapping, no reflection.
 *
 * <p>Only {@code source_version_id} and {@code name} are accepted, each at most once; anything else a client
 * might try to set (status, ids, dates) is refused by name. Every refusal says precisely what is wrong.
 */
final class RequestBodyParser {
    private static final int MAX_ECHOED_FIELD_CHARACTERS = 64;
    private static final String CURRENT = "current";

    // Duplicate keys are found by the parser below, which knows the field and can say which one it was.
    private static final JsonFactory JSON = new JsonFactory();

    private RequestBodyParser() {
    }

    /** Parses a body already checked for size and media type; an empty body means "clone the promoted one". */
    static CreateVersionBody parse(byte[] body) {
        if (body.length == 0) {
            return CreateVersionBody.EMPTY;
        }
        try (JsonParser json = JSON.createParser(strictUtf8(body))) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw ClientException.validation("Request body must be a JSON object.");
            }

            String sourceVersionId = null;
            String name = null;
            Set<String> seen = new HashSet<>();
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                if (!seen.add(field)) {
                    throw ClientException.validation("Field " + quoted(field) + " appears more than once.");
                }
                JsonToken value = json.nextToken();
                switch (field) {
                    case "source_version_id" -> sourceVersionId = sourceVersionId(json, value);
                    case "name" -> name = name(json, value);
                    default -> throw ClientException.validation("Unknown field " + quoted(field)
                            + "; only source_version_id and name are accepted.");
                }
            }

            if (json.nextToken() != null) {
                throw ClientException.validation("Request body must hold exactly one JSON object.");
            }
            return new CreateVersionBody(sourceVersionId, name);
        } catch (IOException e) {
            // Parsing bytes in memory fails only on the bytes: bad syntax, bad UTF-8, values past the size limits.
            throw ClientException.validation("Request body is not valid JSON.");
        }
    }

    /** JSON on the wire is UTF-8 (RFC 8259); anything else is refused instead of guessed from the first bytes. */
    private static Reader strictUtf8(byte[] body) {
        return new InputStreamReader(new ByteArrayInputStream(body), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT));
    }

    private static String sourceVersionId(JsonParser json, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw ClientException.validation("source_version_id must be a string or null.");
        }
        String text = json.getText();
        if (CURRENT.equals(text)) {
            return null;
        }
        String versionId = Uuids.normalize(text);
        if (versionId == null) {
            throw ClientException.validation("source_version_id must be a version UUID or \"current\".");
        }
        return versionId;
    }

    private static String name(JsonParser json, JsonToken value) throws IOException {
        if (value == JsonToken.VALUE_NULL) {
            return null;
        }
        if (value != JsonToken.VALUE_STRING) {
            throw ClientException.validation("name must be a string or null.");
        }
        return DraftNames.requireValid(json.getText());
    }

    /** A field name as echoed in a message: quoted, and cut short so a hostile body cannot flood the response. */
    private static String quoted(String field) {
        String shown = field.codePointCount(0, field.length()) > MAX_ECHOED_FIELD_CHARACTERS
                ? field.substring(0, field.offsetByCodePoints(0, MAX_ECHOED_FIELD_CHARACTERS)) + "…"
                : field;
        return "'" + shown + "'";
    }
}

package com.orbiqhq.drafts.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

/**
 * One HTTP request of the load and what came back: the status, the latency, and the fields the checks need.
 *
 * @param status the HTTP status, or 0 when no answer came (then {@code failure} says why)
 * @param code the error body's {@code code}, or {@code null}
 * @param versionId a 201's {@code data.version.id}
 * @param key a 201's {@code data.version.key}
 * @param replayed whether a 201 said it replays an earlier request ({@code Idempotent-Replayed: true})
 * @param failure what went wrong on the wire or in the body, or {@code null}
 */
record Exchange(int status, long nanos, String code, String versionId, String key, boolean replayed,
        String failure) {
    private static final JsonFactory JSON = new JsonFactory();

    static Exchange of(HttpResponse<String> response, long nanos) {
        Map<String, String> fields;
        try {
            fields = fieldsOf(response.body());
        } catch (IOException notJson) {
            return new Exchange(response.statusCode(), nanos, null, null, null, false,
                    "the body is not JSON: " + notJson.getMessage());
        }
        boolean replayed = response.headers().firstValue("Idempotent-Replayed").filter("true"::equals).isPresent();
        String failure = null;
        if (response.statusCode() == 201) {
            String location = response.headers().firstValue("Location").orElse("");
            if (fields.get("data.version.id") == null || !location.endsWith("/" + fields.get("data.version.id"))
                    || !"draft".equals(fields.get("data.version.status"))
                    || !"false".equals(fields.get("data.version.is_active"))) {
                failure = "a 201 that is not a new draft: Location " + location + ", body " + response.body();
            }
        }
        return new Exchange(response.statusCode(), nanos, fields.get("code"), fields.get("data.version.id"),
                fields.get("data.version.key"), replayed, failure);
    }

    static Exchange unanswered(long nanos, Exception cause) {
        return new Exchange(0, nanos, null, null, null, false, "no answer: " + cause);
    }

    boolean created() {
        return status == 201 && failure == null;
    }

    /** The contract's answer to a request whose idempotency key another request still holds: try again later. */
    boolean inFlightConflict() {
        return status == 409 && "conflict".equals(code);
    }

    /** Every scalar of a JSON object by its dotted path ({@code data.version.id}), as text. */
    private static Map<String, String> fieldsOf(String body) throws IOException {
        Map<String, String> fields = new HashMap<>();
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not an object");
            }
            readObject(parser, "", fields);
        }
        return fields;
    }

    private static void readObject(JsonParser parser, String prefix, Map<String, String> fields) throws IOException {
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String path = prefix + parser.currentName();
            JsonToken value = parser.nextToken();
            if (value == JsonToken.START_OBJECT) {
                readObject(parser, path + ".", fields);
            } else if (value == JsonToken.START_ARRAY) {
                parser.skipChildren();
            } else {
                fields.put(path, value == JsonToken.VALUE_NULL ? null : parser.getText());
            }
        }
    }
}

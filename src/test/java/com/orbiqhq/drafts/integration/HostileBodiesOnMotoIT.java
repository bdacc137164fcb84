package com.orbiqhq.drafts.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.orbiqhq.drafts.api.CreateVersionHandler;
import com.orbiqhq.drafts.config.Environment;
import com.orbiqhq.drafts.testing.Documents;
import com.orbiqhq.drafts.testing.JsonBodies;
import com.orbiqhq.drafts.testing.JsonBodies.ContentType;
import com.orbiqhq.drafts.testing.JsonBodies.ValidBody;
import com.orbiqhq.drafts.testing.TestDatabase;
import com.orbiqhq.drafts.testing.TestLogs;
import com.orbiqhq.drafts.testing.TestTable;
import com.orbiqhq.drafts.testing.Tokens;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Hostile bodies through the real handler, in front of a real table, sent as text or base64-encoded (as API
 * Gateway does for binary media) with any content type. Each answer is the one the contract gives, in the order
 * the handler checks: 413 for a body over the limit, 201 for an empty one, 415 for a body without a JSON type,
 * then the body's own verdict (201, or 400 for a source version that does not exist, for a valid body; 201 or 400
 * for any other); each conforms to openapi.yaml. Afterwards the table holds a draft for every 201 and nothing else
 * has changed.
 */
class HostileBodiesOnMotoIT {
    private static final int MAX_BODY_BYTES = 2048;
    private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();

    private static TestTable table;
    private static Documents.Seeded document;
    private static HandlerClient client;
    private static List<Map<String, AttributeValue>> before;

    /** A body as generated, and, when it is a valid one, what it says. */
    record SentBody(byte[] bytes, ValidBody valid) {
        @Override
        public String toString() {
            return JsonBodies.printable(bytes);
        }
    }

    @BeforeContainer
    static void startDatabase() {
        table = TestTable.create(TestDatabase.endpoint(TestDatabase.Kind.MOTO));
        document = new Documents(table).withPromotedVersion(Tokens.TENANT);
        Map<String, String> env = new HashMap<>(table.handlerEnvironment());
        env.put("MAX_BODY_BYTES", Integer.toString(MAX_BODY_BYTES));
        client = new HandlerClient(new CreateVersionHandler(Environment.of(env), new TestLogs().logger()));
        before = table.allItems();
    }

    @Property(tries = 1000)
    void anyBody_isAnsweredAsTheContractSays(@ForAll("bodies") SentBody body,
            @ForAll("contentTypes") ContentType contentType, @ForAll boolean base64) {
        Map<String, String> headers = new HashMap<>(Map.of("Authorization", Tokens.bearer(Tokens.writer())));
        if (contentType.value() != null) {
            headers.put("Content-Type", contentType.value());
        }
        String text = base64 ? Base64.getEncoder().encodeToString(body.bytes())
                : new String(body.bytes(), StandardCharsets.UTF_8);
        // As text, bytes that are not UTF-8 arrive as replacement characters: judge what is delivered.
        byte[] delivered = base64 ? body.bytes() : text.getBytes(StandardCharsets.UTF_8);
        APIGatewayProxyRequestEvent event = HandlerClient.event(document.documentId(), text, headers)
                .withIsBase64Encoded(base64);

        var response = client.send(event);

        assertThat(response.status()).as("%s, %s%s: %s", body, contentType, base64 ? ", base64" : "",
                response.raw().getBody()).isIn(expectedStatuses(delivered, body.valid(), contentType));
        if (response.status() == 201) {
            CREATED.add(response.version().path("id").asText());
        }
    }

    private static Set<Integer> expectedStatuses(byte[] delivered, ValidBody valid, ContentType contentType) {
        if (delivered.length > MAX_BODY_BYTES) {
            return Set.of(413);
        }
        if (delivered.length == 0) {
            return Set.of(201);
        }
        if (!contentType.json()) {
            return Set.of(415);
        }
        if (valid != null) {
            // A generated source_version_id is a random UUID: no version of the document has it.
            return Set.of(valid.sourceVersionId() == null ? 201 : 400);
        }
        return Set.of(201, 400);
    }

    /**
     * Every 201 stored its draft, and nothing else changed: no other item, and of the document item only the
     * newest draft key, which is the highest key of the drafts created.
     */
    @AfterContainer
    static void everyDraftAnsweredIsStoredAndNothingElseChanged() {
        List<Map<String, AttributeValue>> after = table.allItems();
        Set<String> draftKeys = CREATED.stream().map(id -> "VERSION#" + id).collect(Collectors.toSet());
        Map<String, AttributeValue> documentAfter = only(after, "DOCUMENT");
        Map<String, AttributeValue> documentBefore = only(before, "DOCUMENT");
        long newestKey = after.stream().filter(item -> draftKeys.contains(item.get("sk").s()))
                .mapToLong(item -> Long.parseLong(item.get("key").s().substring("draft_".length())))
                .max().orElseThrow();

        assertThat(CREATED).as("valid bodies were among the tries").isNotEmpty();
        assertThat(after.stream().map(item -> item.get("sk").s()).filter(draftKeys::contains)).hasSize(CREATED.size());
        assertThat(without(after, draftKeys)).as("no other item written or changed")
                .containsExactlyInAnyOrderElementsOf(without(before, Set.of()));
        assertThat(withoutDraftStamp(documentAfter)).isEqualTo(withoutDraftStamp(documentBefore));
        assertThat(documentAfter.get("last_draft_key_ms").n()).isEqualTo(Long.toString(newestKey));
    }

    private static Map<String, AttributeValue> only(List<Map<String, AttributeValue>> items, String sortKey) {
        return items.stream().filter(item -> item.get("sk").s().equals(sortKey)).findFirst().orElseThrow();
    }

    /** The items but the document item and the drafts named. */
    private static List<Map<String, AttributeValue>> without(List<Map<String, AttributeValue>> items,
            Set<String> draftKeys) {
        return items.stream()
                .filter(item -> !item.get("sk").s().equals("DOCUMENT") && !draftKeys.contains(item.get("sk").s()))
                .toList();
    }

    private static Map<String, AttributeValue> withoutDraftStamp(Map<String, AttributeValue> item) {
        Map<String, AttributeValue> rest = new HashMap<>(item);
        rest.remove("last_draft_key_ms");
        return rest;
    }

    @Provide
    Arbitrary<SentBody> bodies() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, JsonBodies.anyBytes().map(bytes -> new SentBody(bytes, null))),
                Tuple.of(2, JsonBodies.jsonFragments().map(bytes -> new SentBody(bytes, null))),
                Tuple.of(2, JsonBodies.jsonDocuments().map(bytes -> new SentBody(bytes, null))),
                Tuple.of(2, JsonBodies.mutatedValidBodies().map(bytes -> new SentBody(bytes, null))),
                Tuple.of(3, JsonBodies.validBodies().map(valid -> new SentBody(valid.bytes(), valid))),
                Tuple.of(1, JsonBodies.aroundTheSizeLimit(MAX_BODY_BYTES)
                        .map(valid -> new SentBody(valid.bytes(), valid))));
    }

    @Provide
    Arbitrary<ContentType> contentTypes() {
        return JsonBodies.contentTypes();
    }
}

package com.orbiqhq.drafts.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.orbiqhq.drafts.api.CreateVersionHandler;
import com.orbiqhq.drafts.config.Environment;
import com.orbiqhq.drafts.testing.Documents;
import com.orbiqhq.drafts.testing.JsonBodies;
import com.orbiqhq.drafts.testing.TestDatabase;
import com.orbiqhq.drafts.testing.TestLogs;
import com.orbiqhq.drafts.testing.TestTable;
import com.orbiqhq.drafts.testing.Tokens;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
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

/**
 * Hostile bodies through the real handler, in front of a real table: whatever the bytes and the content type, sent
 * as text or base64-encoded as API Gateway does for binary media, the answer is a 201 or one of the documented
 * 4xx errors of a body (400, 413, 415) and conforms to openapi.yaml; and afterwards the table holds a draft for
 * every 201 and for nothing else.
 */
class HostileBodiesOnMotoIT {
    private static final int MAX_BODY_BYTES = 2048;

    private static TestTable table;
    private static Documents.Seeded document;
    private static HandlerClient client;
    private static final Set<String> CREATED = ConcurrentHashMap.newKeySet();

    @BeforeContainer
    static void startDatabase() {
        table = TestTable.create(TestDatabase.endpoint(TestDatabase.Kind.MOTO));
        document = new Documents(table).withPromotedVersion(Tokens.TENANT);
        Map<String, String> env = new HashMap<>(table.handlerEnvironment());
        env.put("MAX_BODY_BYTES", Integer.toString(MAX_BODY_BYTES));
        client = new HandlerClient(new CreateVersionHandler(Environment.of(env), new TestLogs().logger()));
    }

    @Property(tries = 1000)
    void anyBody_isCreatedOrRefusedWithTheErrorOfABody(@ForAll("bodies") byte[] body,
            @ForAll("contentTypes") String contentType, @ForAll boolean base64) {
        Map<String, String> headers = new HashMap<>(Map.of("Authorization", Tokens.bearer(Tokens.writer())));
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        APIGatewayProxyRequestEvent event = HandlerClient.event(document.documentId(),
                base64 ? Base64.getEncoder().encodeToString(body) : new String(body, StandardCharsets.UTF_8), headers)
                .withIsBase64Encoded(base64);

        var response = client.send(event);

        assertThat(response.status()).as("%s (%s): %s", JsonBodies.printable(body), contentType,
                response.raw().getBody()).isIn(201, 400, 413, 415);
        if (response.status() == 201) {
            CREATED.add(response.version().path("id").asText());
        }
    }

    /** A draft is stored for every 201, and for nothing else: the partition holds exactly the drafts answered. */
    @AfterContainer
    static void everyDraftAnsweredIsStoredAndNoOtherIs() {
        Set<String> stored = table.partition(Tokens.TENANT, document.documentId()).stream()
                .map(item -> item.get("sk").s())
                .filter(key -> key.startsWith("VERSION#"))
                .map(key -> key.substring("VERSION#".length()))
                .collect(Collectors.toSet());
        stored.removeAll(Set.of(document.promotedVersionId(), document.archivedVersionId()));

        assertThat(CREATED).as("some bodies were valid").isNotEmpty();
        assertThat(stored).isEqualTo(CREATED);
    }

    @Provide
    Arbitrary<byte[]> bodies() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, JsonBodies.anyBytes()),
                Tuple.of(2, JsonBodies.jsonFragments()),
                Tuple.of(2, JsonBodies.jsonDocuments()),
                Tuple.of(2, JsonBodies.mutatedValidBodies()),
                Tuple.of(3, JsonBodies.validBodies().map(JsonBodies.ValidBody::bytes)),
                Tuple.of(1, JsonBodies.aroundTheSizeLimit(MAX_BODY_BYTES)));
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return JsonBodies.contentTypes();
    }
}

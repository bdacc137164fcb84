package com.orbiqhq.drafts.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.orbiqhq.drafts.draft.IdempotencyKey;
import com.orbiqhq.drafts.testing.Documents;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The load test's checks bite: each kind of loss or duplication, planted in an otherwise consistent table, is
 * reported, and a consistent table passes.
 */
class TableAuditTest {
    private static final Documents.Seeded DOCUMENT = new Documents.Seeded("load-test",
            "0b9c7d3e-1a2b-4c5d-8e6f-7a8b9c0d1e2f", "5e4d3c2b-1a09-4f8e-9d7c-6b5a49382716", null);
    private static final Phase PHASE = new Phase("unit", 1, 2, 2);
    private static final String FIRST = "11111111-1111-4111-8111-111111111111";
    private static final String SECOND = "22222222-2222-4222-8222-222222222222";

    private final List<Map<String, AttributeValue>> items = new ArrayList<>();
    private final PlannedCreate plain = PlannedCreate.of("run", PHASE, 1, DOCUMENT);
    private final PlannedCreate keyed = PlannedCreate.of("run", PHASE, 4, DOCUMENT);

    TableAuditTest() {
        items.add(document(1700000000002L));
        items.add(draft(FIRST, "draft_1700000000001", plain.name()));
        items.add(draft(SECOND, "draft_1700000000002", keyed.name()));
        items.add(idempotencyRecord(keyed, SECOND));
    }

    @Test
    void audit_ofExactlyTheReportedDrafts_findsNothing() {
        TableAudit.Result result = TableAudit.audit(items, consistentOutcomes());

        assertThat(keyed.copies()).isEqualTo(2);
        assertThat(result.failures()).isEmpty();
        assertThat(result.drafts()).isEqualTo(2);
        assertThat(result.idempotencyRecords()).isEqualTo(1);
    }

    @Test
    void audit_withADraftNoAnswerReported_reportsIt() {
        items.add(draft("33333333-3333-4333-8333-333333333333", "draft_1699999999999", "stray"));

        TableAudit.Result result = TableAudit.audit(items, consistentOutcomes());

        assertThat(result.failures()).singleElement().asString()
                .contains("33333333-3333-4333-8333-333333333333", "no 201 reported it");
    }

    @Test
    void audit_withAReportedDraftMissing_reportsItLost() {
        items.removeIf(item -> item.get("sk").s().equals("VERSION#" + FIRST));

        TableAudit.Result result = TableAudit.audit(items, consistentOutcomes());

        assertThat(result.failures()).anySatisfy(failure -> assertThat(failure).contains(FIRST, "lost"));
    }

    @Test
    void audit_withTwoDraftsSharingAKey_reportsTheDuplicateKey() {
        items.set(1, draft(FIRST, "draft_1700000000002", plain.name()));

        TableAudit.Result result = TableAudit.audit(items, consistentOutcomes());

        assertThat(result.failures()).anySatisfy(failure -> assertThat(failure)
                .contains("share the key draft_1700000000002"));
    }

    @Test
    void audit_withLastDraftKeyBehindTheHighestKey_reportsIt() {
        items.set(0, document(1700000000001L));

        TableAudit.Result result = TableAudit.audit(items, consistentOutcomes());

        assertThat(result.failures()).singleElement().asString()
                .contains("last_draft_key_ms is 1700000000001", "draft_1700000000002");
    }

    @Test
    void audit_withCopiesOfOneKeyReportingTwoDrafts_reportsThem() {
        List<CreateOutcome> outcomes = List.of(
                new CreateOutcome(plain, List.of(List.of(created(FIRST, "draft_1700000000001", false)))),
                new CreateOutcome(keyed, List.of(List.of(created(SECOND, "draft_1700000000002", false)),
                        List.of(created(FIRST, "draft_1700000000001", false)))));

        TableAudit.Result result = TableAudit.audit(items, outcomes);

        assertThat(result.failures()).anySatisfy(failure -> assertThat(failure).contains("reported different"));
    }

    @Test
    void audit_withBothCopiesClaimingToHaveCreated_reportsIt() {
        List<CreateOutcome> outcomes = List.of(
                new CreateOutcome(plain, List.of(List.of(created(FIRST, "draft_1700000000001", false)))),
                new CreateOutcome(keyed, List.of(List.of(created(SECOND, "draft_1700000000002", false)),
                        List.of(created(SECOND, "draft_1700000000002", false)))));

        TableAudit.Result result = TableAudit.audit(items, outcomes);

        assertThat(result.failures()).singleElement().asString().contains("2 of its 2 copies say they created");
    }

    @Test
    void audit_withAnIdempotencyRecordLeftInFlight_reportsIt() {
        Map<String, AttributeValue> inFlight = new HashMap<>(items.get(3));
        inFlight.remove("version_id");
        items.set(3, inFlight);

        TableAudit.Result result = TableAudit.audit(items, consistentOutcomes());

        assertThat(result.failures()).anySatisfy(failure -> assertThat(failure).contains("left in flight"))
                .anySatisfy(failure -> assertThat(failure).contains("does not name draft " + SECOND));
    }

    @Test
    void answerFailures_withA5xxAndACopyStillInFlight_countsThem() {
        Exchange unavailable = new Exchange(503, 1, "service_unavailable", null, null, false, null);
        Exchange conflict = new Exchange(409, 1, "conflict", null, null, false, null);
        List<CreateOutcome> outcomes = List.of(
                new CreateOutcome(plain, List.of(List.of(unavailable))),
                new CreateOutcome(keyed, List.of(List.of(unavailable), List.of(conflict, conflict))));

        List<String> failures = PhaseReport.answerFailures(outcomes);

        assertThat(failures).containsExactly("status 503 (service_unavailable) (2 times)",
                "a copy was still answered 409 conflict when the phase's time ran out");
    }

    private List<CreateOutcome> consistentOutcomes() {
        return List.of(
                new CreateOutcome(plain, List.of(List.of(created(FIRST, "draft_1700000000001", false)))),
                new CreateOutcome(keyed, List.of(List.of(created(SECOND, "draft_1700000000002", false)),
                        List.of(new Exchange(409, 1, "conflict", null, null, false, null),
                                created(SECOND, "draft_1700000000002", true)))));
    }

    private static Exchange created(String id, String key, boolean replayed) {
        return new Exchange(201, 1_000_000, null, id, key, replayed, null);
    }

    private static Map<String, AttributeValue> document(long lastDraftKeyMillis) {
        return Map.of("pk", s(DOCUMENT.partitionKey()), "sk", s("DOCUMENT"),
                "active_version_id", s(DOCUMENT.promotedVersionId()),
                "last_draft_key_ms", AttributeValue.fromN(Long.toString(lastDraftKeyMillis)));
    }

    private static Map<String, AttributeValue> draft(String id, String key, String name) {
        return Map.of("pk", s(DOCUMENT.partitionKey()), "sk", s("VERSION#" + id), "id", s(id), "key", s(key),
                "name", s(name), "status", s("draft"), "source_version_id", s(DOCUMENT.promotedVersionId()));
    }

    private static Map<String, AttributeValue> idempotencyRecord(PlannedCreate create, String versionId) {
        String hash = IdempotencyKey.fromHeader(create.idempotencyKey()).hash();
        return Map.of("pk", s(DOCUMENT.partitionKey()), "sk", s("IDEMPOTENCY#" + hash),
                "version_id", s(versionId));
    }

    private static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }
}

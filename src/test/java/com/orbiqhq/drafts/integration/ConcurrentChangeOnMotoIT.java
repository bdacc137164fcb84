package com.orbiqhq.drafts.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.orbiqhq.drafts.config.Environment;
import com.orbiqhq.drafts.draft.CreateDraftCommand;
import com.orbiqhq.drafts.draft.Deadline;
import com.orbiqhq.drafts.draft.DocumentAndVersion;
import com.orbiqhq.drafts.draft.DocumentRef;
import com.orbiqhq.drafts.draft.DocumentState;
import com.orbiqhq.drafts.draft.DraftResult;
import com.orbiqhq.drafts.draft.DraftService;
import com.orbiqhq.drafts.draft.DraftWrite;
import com.orbiqhq.drafts.draft.DraftWriteConflict;
import com.orbiqhq.drafts.draft.IdempotencyClaim;
import com.orbiqhq.drafts.draft.IdempotencyKey;
import com.orbiqhq.drafts.draft.IdempotencyLock;
import com.orbiqhq.drafts.draft.SourceVersion;
import com.orbiqhq.drafts.draft.VersionRepository;
import com.orbiqhq.drafts.error.ClientException;
import com.orbiqhq.drafts.log.JsonLogger;
import com.orbiqhq.drafts.store.DynamoDbClients;
import com.orbiqhq.drafts.store.DynamoDbVersionRepository;
import com.orbiqhq.drafts.testing.Documents;
import com.orbiqhq.drafts.testing.TestDatabase;
import com.orbiqhq.drafts.testing.TestTable;
import com.orbiqhq.drafts.testing.Tokens;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Another writer changes what a draft was planned from, between the service's reads and its transaction. The
 * transaction must refuse (its cancellation reasons read by position), and the service must read again and end
 * with the right result, writing nothing wrong on the way. A fixed clock also proves that drafts created in the
 * same millisecond still get distinct keys.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConcurrentChangeOnMotoIT {
    private static final Instant FROZEN = Instant.parse("2025-04-30T09:30:00.123Z");

    private TestTable table;
    private Documents documents;
    private DynamoDbVersionRepository repository;

    @BeforeAll
    void startDatabase() {
        table = TestTable.create(TestDatabase.endpoint(TestDatabase.Kind.MOTO));
        documents = new Documents(table);
        repository = new DynamoDbVersionRepository(
                DynamoDbClients.create(Environment.of(table.handlerEnvironment())), table.name());
    }

    @Test
    void createDraft_whenAnotherDraftTakesTheNextKeyFirst_retriesWithTheFollowingKey() {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);
        long rivalStamp = FROZEN.toEpochMilli() + 5;
        DraftService service = service(beforeFirstWrite(() -> setDocumentStamp(document, rivalStamp)));

        DraftResult result = service.createDraft(command(document, null), deadline());

        assertThat(result.draft().key()).isEqualTo("draft_" + (rivalStamp + 1));
        assertThat(table.get(document.partitionKey(), "DOCUMENT").orElseThrow().get("last_draft_key_ms").n())
                .isEqualTo(Long.toString(rivalStamp + 1));
        assertThat(draftCount(document)).isEqualTo(1);
    }

    @Test
    void createDraft_whenPromotedVersionChangesBeforeTheWrite_copiesTheNewlyPromotedOne() {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);
        DraftService service = service(beforeFirstWrite(() -> promote(document, document.archivedVersionId())));

        DraftResult result = service.createDraft(command(document, null), deadline());

        var draft = table.get(document.partitionKey(), "VERSION#" + result.draft().id()).orElseThrow();
        assertThat(draft.get("source_version_id").s()).isEqualTo(document.archivedVersionId());
        assertThat(draftCount(document)).isEqualTo(1);
    }

    @Test
    void createDraft_whenSourceIsRevisedBeforeTheWrite_copiesTheRevisedContent() {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);
        DraftService service = service(beforeFirstWrite(() -> reviseTitle(document, "Revised title")));

        DraftResult result = service.createDraft(command(document, document.promotedVersionId()), deadline());

        var draft = table.get(document.partitionKey(), "VERSION#" + result.draft().id()).orElseThrow();
        assertThat(draft.get("title").s()).isEqualTo("Revised title");
    }

    @Test
    void createDraft_whenSourceIsDeletedBeforeTheWrite_answers400AndWritesNothing() {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);
        DraftService service = service(beforeFirstWrite(() -> table.client().deleteItem(delete -> delete
                .tableName(table.name())
                .key(key(document, "VERSION#" + document.archivedVersionId())))));
        var before = Map.copyOf(table.get(document.partitionKey(), "DOCUMENT").orElseThrow());

        assertThatThrownBy(() -> service.createDraft(command(document, document.archivedVersionId()), deadline()))
                .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.publicMessage())
                        .isEqualTo("source_version_id must refer to an existing version."));
        assertThat(table.get(document.partitionKey(), "DOCUMENT").orElseThrow()).isEqualTo(before);
        assertThat(draftCount(document)).isZero();
    }

    @Test
    void createDraft_whenDocumentIsDeletedBeforeTheWrite_answers404AndWritesNothing() {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);
        DraftService service = service(beforeFirstWrite(() -> table.client().deleteItem(delete -> delete
                .tableName(table.name())
                .key(key(document, "DOCUMENT")))));

        assertThatThrownBy(() -> service.createDraft(command(document, null), deadline()))
                .isInstanceOfSatisfying(ClientException.class, e -> assertThat(e.errorCode().status())
                        .isEqualTo(404));
        assertThat(draftCount(document)).isZero();
    }

    @Test
    void createDraft_whenItsIdempotencyClaimIsTakenOverBeforeTheWrite_answersWithTheNewHoldersDraft() {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);
        IdempotencyKey key = IdempotencyKey.fromHeader("takeover-" + UUID.randomUUID());
        CreateDraftCommand command = new CreateDraftCommand(
                new DocumentRef(document.tenant(), document.documentId()), null, null, "tester", key);
        String rivalDraftId = UUID.randomUUID().toString();
        DraftService service = service(beforeFirstWrite(() -> table.put(Map.of(
                "pk", AttributeValue.fromS(document.partitionKey()),
                "sk", AttributeValue.fromS("IDEMPOTENCY#" + key.hash()),
                "request_hash", AttributeValue.fromS(command.fingerprint()),
                "status", AttributeValue.fromS("COMPLETED"),
                "version_id", AttributeValue.fromS(rivalDraftId),
                "expires_at", AttributeValue.fromN(Long.toString(Instant.now().getEpochSecond() + 3_600)),
                "draft", AttributeValue.fromM(Map.of(
                        "id", AttributeValue.fromS(rivalDraftId),
                        "key", AttributeValue.fromS("draft_42"),
                        "date_created", AttributeValue.fromS("2025-04-30T09:30:00Z")))))));

        DraftResult result = service.createDraft(command, deadline());

        assertThat(result.replayed()).isTrue();
        assertThat(result.draft().id()).isEqualTo(rivalDraftId);
        assertThat(result.draft().key()).isEqualTo("draft_42");
        assertThat(draftCount(document)).as("the refused transaction wrote nothing").isZero();
    }

    @Test
    void createDraft_manyInTheSameMillisecond_getDistinctIncreasingKeys() {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);
        DraftService service = service(repository);

        String first = service.createDraft(command(document, null), deadline()).draft().key();
        String second = service.createDraft(command(document, null), deadline()).draft().key();
        String third = service.createDraft(command(document, null), deadline()).draft().key();

        long stamp = FROZEN.toEpochMilli();
        assertThat(first).isEqualTo("draft_" + stamp);
        assertThat(second).isEqualTo("draft_" + (stamp + 1));
        assertThat(third).isEqualTo("draft_" + (stamp + 2));
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private DraftService service(VersionRepository store) {
        JsonLogger quiet = new JsonLogger(new PrintStream(OutputStream.nullOutputStream()), JsonLogger.Level.ERROR);
        return new DraftService(store, InstantSource.fixed(FROZEN), quiet);
    }

    private static CreateDraftCommand command(Documents.Seeded document, String source) {
        return new CreateDraftCommand(new DocumentRef(document.tenant(), document.documentId()), source, null,
                "tester", null);
    }

    private static Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(10));
    }

    private long draftCount(Documents.Seeded document) {
        return table.partition(document.tenant(), document.documentId()).stream()
                .filter(item -> item.containsKey("status") && "draft".equals(item.get("status").s()))
                .count();
    }

    private static Map<String, AttributeValue> key(Documents.Seeded document, String sortKey) {
        return Map.of("pk", AttributeValue.fromS(document.partitionKey()), "sk", AttributeValue.fromS(sortKey));
    }

    private void setDocumentStamp(Documents.Seeded document, long stamp) {
        table.client().updateItem(update -> update.tableName(table.name()).key(key(document, "DOCUMENT"))
                .updateExpression("SET last_draft_key_ms = :stamp")
                .expressionAttributeValues(Map.of(":stamp", AttributeValue.fromN(Long.toString(stamp)))));
    }

    private void promote(Documents.Seeded document, String versionId) {
        table.client().updateItem(update -> update.tableName(table.name()).key(key(document, "DOCUMENT"))
                .updateExpression("SET active_version_id = :version")
                .expressionAttributeValues(Map.of(":version", AttributeValue.fromS(versionId))));
    }

    private void reviseTitle(Documents.Seeded document, String title) {
        table.client().updateItem(update -> update.tableName(table.name())
                .key(key(document, "VERSION#" + document.promotedVersionId()))
                .updateExpression("SET title = :title, revision = revision + :one")
                .expressionAttributeValues(Map.of(":title", AttributeValue.fromS(title),
                        ":one", AttributeValue.fromN("1"))));
    }

    /** The real repository, with another writer's change slipped in just before the first draft transaction. */
    private VersionRepository beforeFirstWrite(Runnable rivalWrite) {
        AtomicReference<Runnable> pending = new AtomicReference<>(rivalWrite);
        return new VersionRepository() {
            @Override
            public Optional<DocumentState> findDocument(DocumentRef document, Deadline deadline) {
                return repository.findDocument(document, deadline);
            }

            @Override
            public Optional<SourceVersion> findVersion(DocumentRef document, String versionId, Deadline deadline) {
                return repository.findVersion(document, versionId, deadline);
            }

            @Override
            public DocumentAndVersion findDocumentAndVersion(DocumentRef document, String versionId,
                    Deadline deadline) {
                return repository.findDocumentAndVersion(document, versionId, deadline);
            }

            @Override
            public IdempotencyClaim claimIdempotencyKey(DocumentRef document, IdempotencyLock lock,
                    Deadline deadline) {
                return repository.claimIdempotencyKey(document, lock, deadline);
            }

            @Override
            public Optional<IdempotencyClaim.Existing> findIdempotencyRecord(DocumentRef document, String keyHash,
                    Deadline deadline) {
                return repository.findIdempotencyRecord(document, keyHash, deadline);
            }

            @Override
            public void releaseIdempotencyKey(DocumentRef document, IdempotencyLock lock, Deadline deadline) {
                repository.releaseIdempotencyKey(document, lock, deadline);
            }

            @Override
            public void insertDraft(DraftWrite write, Deadline deadline) throws DraftWriteConflict {
                Runnable rival = pending.getAndSet(null);
                if (rival != null) {
                    rival.run();
                }
                repository.insertDraft(write, deadline);
            }
        };
    }
}

package com.orbiqhq.drafts.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.orbiqhq.drafts.draft.Deadline;
import com.orbiqhq.drafts.draft.DocumentAndVersion;
import com.orbiqhq.drafts.draft.DocumentRef;
import com.orbiqhq.drafts.draft.DocumentState;
import com.orbiqhq.drafts.draft.Draft;
import com.orbiqhq.drafts.draft.DraftWrite;
import com.orbiqhq.drafts.draft.IdempotencyClaim;
import com.orbiqhq.drafts.draft.IdempotencyLock;
import com.orbiqhq.drafts.draft.SourceVersion;
import com.orbiqhq.drafts.testing.Documents;
import com.orbiqhq.drafts.testing.TestDatabase;
import com.orbiqhq.drafts.testing.TestTable;
import com.orbiqhq.drafts.testing.Tokens;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/** The exact DynamoDB requests the repository sends, captured on their way to a real (local) database. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DynamoDbVersionRepositoryOnMotoIT {
    private final List<SdkRequest> sent = new CopyOnWriteArrayList<>();
    private TestTable table;
    private Documents documents;
    private DynamoDbVersionRepository repository;

    @BeforeAll
    void startDatabase() {
        table = TestTable.create(TestDatabase.endpoint(TestDatabase.Kind.MOTO));
        documents = new Documents(table);
        DynamoDbClient recording = DynamoDbClient.builder()
                .endpointOverride(URI.create(table.endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(config -> config.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        sent.add(context.request());
                    }
                }))
                .build();
        repository = new DynamoDbVersionRepository(recording, table.name());
    }

    @BeforeEach
    void forgetEarlierRequests() {
        sent.clear();
    }

    @Test
    void findDocumentAndVersion_readStronglyConsistent() {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);
        DocumentRef ref = new DocumentRef(document.tenant(), document.documentId());

        DocumentState state = repository.findDocument(ref, deadline()).orElseThrow();
        SourceVersion source = repository.findVersion(ref, document.promotedVersionId(), deadline()).orElseThrow();

        assertThat(state.activeVersionId()).isEqualTo(document.promotedVersionId());
        assertThat(state.lastDraftKeyMillis()).isNull();
        assertThat(source.revision()).isEqualTo(7L);
        assertThat(sent).hasSize(2).allSatisfy(request -> {
            GetItemRequest get = (GetItemRequest) request;
            assertThat(get.consistentRead()).isTrue();
            assertThat(get.tableName()).isEqualTo(table.name());
            assertThat(get.key().get("pk").s()).isEqualTo(document.partitionKey());
        });
    }

    @Test
    void findDocumentAndVersion_bothInOneConsistentBatchRead() {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);
        DocumentRef ref = new DocumentRef(document.tenant(), document.documentId());

        DocumentAndVersion read = repository.findDocumentAndVersion(ref, document.promotedVersionId(), deadline());

        assertThat(read.document().orElseThrow().activeVersionId()).isEqualTo(document.promotedVersionId());
        assertThat(read.version().orElseThrow().revision()).isEqualTo(7L);
        assertThat(read.version().orElseThrow().id()).isEqualTo(document.promotedVersionId());
        assertThat(sent).singleElement().satisfies(request -> {
            KeysAndAttributes keys = ((BatchGetItemRequest) request).requestItems().get(table.name());
            assertThat(keys.consistentRead()).isTrue();
            assertThat(keys.keys()).extracting(key -> key.get("pk").s()).containsOnly(document.partitionKey());
            assertThat(keys.keys()).extracting(key -> key.get("sk").s())
                    .containsExactlyInAnyOrder("DOCUMENT", "VERSION#" + document.promotedVersionId());
        });
    }

    @Test
    void findDocumentAndVersion_versionMissing_returnsTheDocumentAlone() {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);
        DocumentRef ref = new DocumentRef(document.tenant(), document.documentId());

        DocumentAndVersion read = repository.findDocumentAndVersion(ref, UUID.randomUUID().toString(), deadline());

        assertThat(read.document()).isPresent();
        assertThat(read.version()).isEmpty();
    }

    @Test
    void findDocumentAndVersion_versionWithoutItsDocument_returnsTheVersionAlone() {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);
        DocumentRef ref = new DocumentRef(document.tenant(), document.documentId());
        table.client().deleteItem(delete -> delete.tableName(table.name()).key(Map.of(
                "pk", AttributeValue.fromS(document.partitionKey()), "sk", AttributeValue.fromS("DOCUMENT"))));

        DocumentAndVersion read = repository.findDocumentAndVersion(ref, document.promotedVersionId(), deadline());

        assertThat(read.document()).isEmpty();
        assertThat(read.version()).isPresent();
    }

    @Test
    void findDocumentAndVersion_anotherTenantsDocument_findsNeither() {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);
        DocumentRef elsewhere = new DocumentRef("another-tenant", document.documentId());

        DocumentAndVersion read = repository.findDocumentAndVersion(elsewhere, document.promotedVersionId(),
                deadline());

        assertThat(read.document()).isEmpty();
        assertThat(read.version()).isEmpty();
    }

    @Test
    void insertDraft_sendsOneTransactionWithItsPartsInOrder() throws Exception {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);
        DocumentRef ref = new DocumentRef(document.tenant(), document.documentId());
        SourceVersion source = repository.findVersion(ref, document.promotedVersionId(), deadline()).orElseThrow();
        Draft draft = new Draft(UUID.randomUUID().toString(), "draft_1000", "Q2",
                Instant.parse("2025-04-30T09:30:00Z"), List.of());
        IdempotencyLock lock = new IdempotencyLock("ab".repeat(32), "fingerprint", "token-1",
                Instant.now().plusSeconds(30).toEpochMilli(), Instant.now().plusSeconds(86_400).getEpochSecond());
        repository.claimIdempotencyKey(ref, lock, deadline());
        sent.clear();

        repository.insertDraft(new DraftWrite(ref, new DocumentState(document.promotedVersionId(), null), source,
                true, draft, 1000, "user-1", lock), deadline());

        assertThat(sent).hasSize(1);
        TransactWriteItemsRequest transaction = (TransactWriteItemsRequest) sent.get(0);
        assertThat(transaction.clientRequestToken()).isEqualTo(draft.id());
        List<TransactWriteItem> parts = transaction.transactItems();
        assertThat(parts).hasSize(4);

        var document0 = parts.get(0).update();
        assertThat(document0.key().get("sk").s()).isEqualTo("DOCUMENT");
        assertThat(document0.conditionExpression()).isEqualTo("attribute_exists(pk) AND"
                + " attribute_not_exists(last_draft_key_ms) AND active_version_id = :source_id");
        assertThat(document0.updateExpression()).isEqualTo("SET last_draft_key_ms = :key_ms");
        assertThat(document0.expressionAttributeValues().get(":key_ms").n()).isEqualTo("1000");
        assertThat(document0.returnValuesOnConditionCheckFailure()).isNull();

        var source1 = parts.get(1).conditionCheck();
        assertThat(source1.key().get("sk").s()).isEqualTo("VERSION#" + document.promotedVersionId());
        assertThat(source1.conditionExpression()).isEqualTo("attribute_exists(pk) AND revision = :revision");
        assertThat(source1.expressionAttributeValues().get(":revision").n()).isEqualTo("7");

        var put2 = parts.get(2).put();
        assertThat(put2.conditionExpression()).isEqualTo("attribute_not_exists(pk)");
        assertThat(put2.item().get("sk").s()).isEqualTo("VERSION#" + draft.id());
        assertThat(put2.item()).containsAllEntriesOf(Documents.contentOfEveryType());

        var claim3 = parts.get(3).update();
        assertThat(claim3.key().get("sk").s()).isEqualTo("IDEMPOTENCY#" + "ab".repeat(32));
        assertThat(claim3.conditionExpression()).isEqualTo("lock_token = :token");
        assertThat(claim3.expressionAttributeValues().get(":version_id").s()).isEqualTo(draft.id());

        var record = table.get(document.partitionKey(), "IDEMPOTENCY#" + "ab".repeat(32)).orElseThrow();
        assertThat(record.get("status").s()).isEqualTo("COMPLETED");
        assertThat(record.get("draft").m().get("key").s()).isEqualTo("draft_1000");
    }

    @Test
    void claimIdempotencyKey_whenTaken_asksForTheOldItemInTheSameCall() {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);
        DocumentRef ref = new DocumentRef(document.tenant(), document.documentId());
        IdempotencyLock first = new IdempotencyLock("cd".repeat(32), "fingerprint", "token-1",
                Instant.now().plusSeconds(30).toEpochMilli(), Instant.now().plusSeconds(86_400).getEpochSecond());
        repository.claimIdempotencyKey(ref, first, deadline());
        sent.clear();

        var claim = repository.claimIdempotencyKey(ref, new IdempotencyLock(first.keyHash(), "other", "token-2",
                first.lockedUntilMillis(), first.expiresAtSeconds()), deadline());

        assertThat(claim).isEqualTo(new IdempotencyClaim.Existing("fingerprint", null));
        assertThat(sent).hasSize(1);
        var put = (PutItemRequest) sent.get(0);
        assertThat(put.returnValuesOnConditionCheckFailure()).isEqualTo(ReturnValuesOnConditionCheckFailure.ALL_OLD);
        assertThat(put.item().get("expires_at").n()).isEqualTo(Long.toString(first.expiresAtSeconds()));
        assertThat(put.item()).containsEntry("status", AttributeValue.fromS("IN_PROGRESS"));
    }

    @Test
    void claimIdempotencyKey_repeatedWithTheSameLock_isStillClaimed() {
        Documents.Seeded document = documents.withPromotedVersion(Tokens.TENANT);
        DocumentRef ref = new DocumentRef(document.tenant(), document.documentId());
        IdempotencyLock lock = new IdempotencyLock("ef".repeat(32), "fingerprint", "token-1",
                Instant.now().plusSeconds(30).toEpochMilli(), Instant.now().plusSeconds(86_400).getEpochSecond());

        var first = repository.claimIdempotencyKey(ref, lock, deadline());
        var retried = repository.claimIdempotencyKey(ref, lock, deadline());

        assertThat(first).isInstanceOf(IdempotencyClaim.Claimed.class);
        assertThat(retried).as("an SDK retry of a put that succeeded finds its own claim")
                .isInstanceOf(IdempotencyClaim.Claimed.class);
    }

    private static Deadline deadline() {
        return Deadline.after(Duration.ofSeconds(10));
    }
}

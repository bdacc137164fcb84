package com.orbiqhq.drafts.store;

import static com.orbiqhq.drafts.store.Attributes.number;
import static com.orbiqhq.drafts.store.Attributes.numberOrNull;
import static com.orbiqhq.drafts.store.Attributes.string;
import static com.orbiqhq.drafts.store.Attributes.stringOrNull;

import com.orbiqhq.drafts.config.Environment;
import com.orbiqhq.drafts.draft.Backoff;
import com.orbiqhq.drafts.draft.Deadline;
import com.orbiqhq.drafts.draft.DocumentAndVersion;
import com.orbiqhq.drafts.draft.DocumentRef;
import com.orbiqhq.drafts.draft.DocumentState;
import com.orbiqhq.drafts.draft.DraftWrite;
import com.orbiqhq.drafts.draft.DraftWriteConflict;
import com.orbiqhq.drafts.draft.IdempotencyClaim;
import com.orbiqhq.drafts.draft.IdempotencyLock;
import com.orbiqhq.drafts.draft.SourceVersion;
import com.orbiqhq.drafts.draft.VersionRepository;
import com.orbiqhq.drafts.error.ServiceException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.TransactionInProgressException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * The {@link VersionRepository} on one DynamoDB table (layout in {@link TableKeys}).
 *
 * <p>Every read is strongly consistent, every write conditional. The draft is created by one
 * {@code TransactWriteItems} whose parts stand at fixed positions, so a cancellation's reasons say exactly which
 * precondition failed. Each call's timeout is the smaller of the client's and what is left of the deadline.
 */
public final class DynamoDbVersionRepository implements VersionRepository {
    // Positions of the parts of the draft transaction; cancellation reasons come back in the same order.
    private static final int DOCUMENT_PART = 0;
    private static final int SOURCE_PART = 1;
    private static final int NEW_VERSION_PART = 2;
    private static final int IDEMPOTENCY_PART = 3;
    /** Before asking again about unprocessed keys or our own running transaction. */
    private static final Backoff ASK_AGAIN = new Backoff(Duration.ofMillis(20), Duration.ofMillis(1_280));
    /** Asking again is pointless with less time than this left for the call. */
    private static final Duration MIN_TIME_FOR_CALL = Duration.ofMillis(100);

    /** Attributes a draft sets afresh instead of copying from its source. */
    static final Set<String> LIFECYCLE_ATTRIBUTES = Set.of(
            "pk", "sk", "id", "document_id", "tenant_id", "key", "name", "status", "is_active", "date_created",
            "date_updated", "modified_fields", "revision", "source_version_id", "created_by", "expires_at");

    private static final String DOCUMENT_EXISTS = "attribute_exists(pk)";
    private static final String NO_DRAFT_STAMP_YET = "attribute_not_exists(last_draft_key_ms)";
    private static final String DRAFT_STAMP_UNCHANGED = "last_draft_key_ms = :last_key_ms";
    private static final String STILL_PROMOTED = "active_version_id = :source_id";
    private static final String ADVANCE_DRAFT_STAMP = "SET last_draft_key_ms = :key_ms";
    private static final String SOURCE_UNREVISED = "attribute_exists(pk) AND revision = :revision";
    private static final String SOURCE_NEVER_REVISED = "attribute_exists(pk) AND attribute_not_exists(revision)";
    private static final String ITEM_IS_NEW = "attribute_not_exists(pk)";
    private static final String KEY_IS_FREE = "attribute_not_exists(pk) OR expires_at < :now_s"
            + " OR (attribute_not_exists(version_id) AND locked_until_ms < :now_ms)";
    private static final String COMPLETE_CLAIM = "SET #status = :completed, version_id = :version_id, draft = :draft"
            + " REMOVE lock_token, locked_until_ms";
    private static final String CLAIM_IS_OURS = "lock_token = :token";
    private static final String STILL_NAMES_VERSION = "version_id = :stale_version_id";
    private static final String CLAIM_IS_OURS_AND_OPEN = "lock_token = :token AND attribute_not_exists(version_id)";

    private static final String IN_PROGRESS = "IN_PROGRESS";
    private static final String COMPLETED = "COMPLETED";
    private static final Set<String> THROTTLING_REASONS = Set.of(
            "ThrottlingError", "ProvisionedThroughputExceeded", "RequestLimitExceeded");

    private final DynamoDbClient dynamoDb;
    private final String tableName;

    public DynamoDbVersionRepository(DynamoDbClient dynamoDb, String tableName) {
        this.dynamoDb = dynamoDb;
        this.tableName = tableName;
    }

    /** The repository of a function: the table {@code TABLE_NAME}, through the client Lambda's setup calls for. */
    public static DynamoDbVersionRepository fromEnvironment(Environment env) {
        return new DynamoDbVersionRepository(DynamoDbClients.create(env), env.required("TABLE_NAME"));
    }

    @Override
    public Optional<DocumentState> findDocument(DocumentRef document, Deadline deadline) {
        return getItem(TableKeys.document(document), deadline).map(DynamoDbVersionRepository::documentState);
    }

    private static StoredVersion storedVersion(String versionId, Map<String, AttributeValue> item) {
        return new StoredVersion(versionId, numberOrNull(item, "revision"), item);
    }

    private static DocumentState documentState(Map<String, AttributeValue> item) {
        return new DocumentState(stringOrNull(item, "active_version_id"), numberOrNull(item, "last_draft_key_ms"));
    }

    @Override
    public Optional<SourceVersion> findVersion(DocumentRef document, String versionId, Deadline deadline) {
        return getItem(TableKeys.version(document, versionId), deadline)
                .map(item -> storedVersion(versionId, item));
    }

    /**
     * One consistent {@code BatchGetItem} for both items. Keys DynamoDB leaves unprocessed (under throttling) are
     * asked for again after a growing pause, for as long as the deadline allows.
     */
    @Override
    public DocumentAndVersion findDocumentAndVersion(DocumentRef document, String versionId, Deadline deadline) {
        Map<String, AttributeValue> documentKey = TableKeys.document(document);
        Map<String, AttributeValue> versionKey = TableKeys.version(document, versionId);
        Map<String, AttributeValue> foundDocument = null;
        Map<String, AttributeValue> foundVersion = null;
        List<Map<String, AttributeValue>> wanted = List.of(documentKey, versionKey);
        for (int asked = 1; !wanted.isEmpty(); asked++) {
            List<Map<String, AttributeValue>> keys = wanted;
            var response = call(deadline, () -> dynamoDb.batchGetItem(batch -> batch
                    .requestItems(Map.of(tableName, KeysAndAttributes.builder().keys(keys).consistentRead(true)
                            .build()))
                    .overrideConfiguration(timeout(deadline))));
            for (Map<String, AttributeValue> item : response.responses().getOrDefault(tableName, List.of())) {
                if (documentKey.get("sk").equals(item.get("sk"))) {
                    foundDocument = item;
                } else if (versionKey.get("sk").equals(item.get("sk"))) {
                    foundVersion = item;
                }
            }
            KeysAndAttributes unprocessed = response.unprocessedKeys().get(tableName);
            wanted = unprocessed == null ? List.of() : unprocessed.keys();
            if (!wanted.isEmpty()) {
                ASK_AGAIN.pauseBefore(asked, deadline, MIN_TIME_FOR_CALL,
                        "unprocessed keys of a consistent read until the deadline");
            }
        }
        return new DocumentAndVersion(
                Optional.ofNullable(foundDocument).map(DynamoDbVersionRepository::documentState),
                Optional.ofNullable(foundVersion).map(item -> storedVersion(versionId, item)));
    }

    @Override
    public IdempotencyClaim claimIdempotencyKey(DocumentRef document, IdempotencyLock lock, Deadline deadline) {
        Map<String, AttributeValue> record = new HashMap<>(TableKeys.idempotencyRecord(document, lock.keyHash()));
        record.put("tenant_id", string(document.tenantId()));
        record.put("document_id", string(document.documentId()));
        record.put("request_hash", string(lock.requestFingerprint()));
        record.put("status", string(IN_PROGRESS));
        record.put("lock_token", string(lock.token()));
        record.put("locked_until_ms", number(lock.lockedUntilMillis()));
        record.put("expires_at", number(lock.expiresAtSeconds()));

        // Two tries: the record may vanish (released by its holder) between our put and our read of it.
        for (int attempt = 0; attempt < 2; attempt++) {
            Optional<Map<String, AttributeValue>> holder = putClaim(record, deadline);
            if (holder.isEmpty() || isOurs(holder.get(), lock)) {
                // Free, or ours already: an SDK retry of a put that did succeed finds our own record.
                return new IdempotencyClaim.Claimed();
            }
            if (!holder.get().isEmpty()) {
                Optional<IdempotencyClaim.Existing> existing = existingClaim(document, holder.get(), deadline);
                if (existing.isPresent()) {
                    return existing.get();
                }
                if (replaceStaleClaim(record, stringOrNull(holder.get(), "version_id"), deadline)) {
                    return new IdempotencyClaim.Claimed();
                }
            }
        }
        throw ServiceException.unavailable("idempotency record kept changing while it was claimed", null);
    }

    /**
     * Puts the claim unless the key is held: nothing when the put succeeded, else the item that holds the key
     * (empty when it vanished before it could be read).
     */
    private Optional<Map<String, AttributeValue>> putClaim(Map<String, AttributeValue> record, Deadline deadline) {
        Instant now = Instant.now();
        try {
            call(deadline, () -> dynamoDb.putItem(put -> put
                    .tableName(tableName)
                    .item(record)
                    .conditionExpression(KEY_IS_FREE)
                    .expressionAttributeValues(Map.of(
                            ":now_s", number(now.getEpochSecond()),
                            ":now_ms", number(now.toEpochMilli())))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
                    .overrideConfiguration(timeout(deadline))));
            return Optional.empty();
        } catch (ConditionalCheckFailedException taken) {
            if (taken.hasItem() && !taken.item().isEmpty()) {
                return Optional.of(taken.item());
            }
            return Optional.of(getItem(Map.of(TableKeys.PK, record.get(TableKeys.PK), TableKeys.SK,
                    record.get(TableKeys.SK)), deadline).orElse(Map.of()));
        }
    }

    /**
     * Takes over a completed record whose draft no longer exists (deleted since), so the request creates a new
     * one instead of answering with a draft that is gone; false when the record changed meanwhile.
     */
    private boolean replaceStaleClaim(Map<String, AttributeValue> record, String staleVersionId, Deadline deadline) {
        try {
            call(deadline, () -> dynamoDb.putItem(put -> put
                    .tableName(tableName)
                    .item(record)
                    .conditionExpression(STILL_NAMES_VERSION)
                    .expressionAttributeValues(Map.of(":stale_version_id", string(staleVersionId)))
                    .overrideConfiguration(timeout(deadline))));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    private static boolean isOurs(Map<String, AttributeValue> record, IdempotencyLock lock) {
        return lock.token().equals(stringOrNull(record, "lock_token"));
    }

    @Override
    public Optional<IdempotencyClaim.Existing> findIdempotencyRecord(DocumentRef document, String keyHash,
            Deadline deadline) {
        return getItem(TableKeys.idempotencyRecord(document, keyHash), deadline)
                .flatMap(record -> existingClaim(document, record, deadline));
    }

    @Override
    public void releaseIdempotencyKey(DocumentRef document, IdempotencyLock lock, Deadline deadline) {
        try {
            call(deadline, () -> dynamoDb.deleteItem(delete -> delete
                    .tableName(tableName)
                    .key(TableKeys.idempotencyRecord(document, lock.keyHash()))
                    .conditionExpression(CLAIM_IS_OURS_AND_OPEN)
                    .expressionAttributeValues(Map.of(":token", string(lock.token())))
                    .overrideConfiguration(timeout(deadline))));
        } catch (ConditionalCheckFailedException notOurs) {
            // Someone else holds the key now, or our request completed after all: nothing of ours to release.
        }
    }

    @Override
    public void insertDraft(DraftWrite write, Deadline deadline) throws DraftWriteConflict {
        List<TransactWriteItem> parts = new ArrayList<>(4);
        parts.add(DOCUMENT_PART, TransactWriteItem.builder().update(advanceDraftStamp(write)).build());
        parts.add(SOURCE_PART, TransactWriteItem.builder().conditionCheck(sourceUnchanged(write)).build());
        parts.add(NEW_VERSION_PART, TransactWriteItem.builder().put(newVersion(write)).build());
        if (write.lock() != null) {
            parts.add(IDEMPOTENCY_PART, TransactWriteItem.builder().update(completeClaim(write)).build());
        }

        for (int asked = 1; ; asked++) {
            try {
                call(deadline, () -> dynamoDb.transactWriteItems(transaction -> transaction
                        .transactItems(parts)
                        // A retry of this very call must not write twice; every attempt has a fresh draft id.
                        .clientRequestToken(write.draft().id())
                        .overrideConfiguration(timeout(deadline))));
                return;
            } catch (TransactionCanceledException cancelled) {
                throw conflictFrom(cancelled);
            } catch (TransactionInProgressException ownAttemptRunning) {
                // A retry (the SDK's, after a lost response) reached DynamoDB while the first attempt of this
                // same transaction was still being applied. Asking again with the same token returns that
                // attempt's outcome once it is done; answering now would report a failure for a draft that may
                // well be written.
                ASK_AGAIN.pauseBefore(asked, deadline, MIN_TIME_FOR_CALL,
                        "our own transaction was still in progress at the deadline");
            }
        }
    }

    private Update advanceDraftStamp(DraftWrite write) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":key_ms", number(write.keyMillis()));
        StringBuilder condition = new StringBuilder(DOCUMENT_EXISTS).append(" AND ");
        Long lastStamp = write.documentState().lastDraftKeyMillis();
        if (lastStamp == null) {
            condition.append(NO_DRAFT_STAMP_YET);
        } else {
            condition.append(DRAFT_STAMP_UNCHANGED);
            values.put(":last_key_ms", number(lastStamp));
        }
        if (write.sourceMustBePromoted()) {
            condition.append(" AND ").append(STILL_PROMOTED);
            values.put(":source_id", string(write.source().id()));
        }
        return Update.builder()
                .tableName(tableName)
                .key(TableKeys.document(write.document()))
                .updateExpression(ADVANCE_DRAFT_STAMP)
                .conditionExpression(condition.toString())
                .expressionAttributeValues(values)
                .build();
    }

    private ConditionCheck sourceUnchanged(DraftWrite write) {
        ConditionCheck.Builder check = ConditionCheck.builder()
                .tableName(tableName)
                .key(TableKeys.version(write.document(), write.source().id()));
        Long revision = write.source().revision();
        if (revision == null) {
            return check.conditionExpression(SOURCE_NEVER_REVISED).build();
        }
        return check.conditionExpression(SOURCE_UNREVISED)
                .expressionAttributeValues(Map.of(":revision", number(revision)))
                .build();
    }

    private Put newVersion(DraftWrite write) {
        return Put.builder()
                .tableName(tableName)
                .item(DraftItems.copyOf((StoredVersion) write.source(), write))
                .conditionExpression(ITEM_IS_NEW)
                .build();
    }

    private Update completeClaim(DraftWrite write) {
        return Update.builder()
                .tableName(tableName)
                .key(TableKeys.idempotencyRecord(write.document(), write.lock().keyHash()))
                .updateExpression(COMPLETE_CLAIM)
                .conditionExpression(CLAIM_IS_OURS)
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(
                        ":completed", string(COMPLETED),
                        ":version_id", string(write.draft().id()),
                        ":draft", AttributeValue.fromM(DraftItems.summary(write.draft())),
                        ":token", string(write.lock().token())))
                .build();
    }

    /** Reads the cancellation reasons by position: which precondition failed decides what the service does. */
    private static DraftWriteConflict conflictFrom(TransactionCanceledException cancelled) {
        List<CancellationReason> reasons = cancelled.hasCancellationReasons()
                ? cancelled.cancellationReasons()
                : List.of();
        for (CancellationReason reason : reasons) {
            if (reason.code() != null && THROTTLING_REASONS.contains(reason.code())) {
                return new DraftWriteConflict(DraftWriteConflict.Reason.THROTTLED);
            }
        }
        for (int part = 0; part < reasons.size(); part++) {
            if ("ConditionalCheckFailed".equals(reasons.get(part).code())) {
                return new DraftWriteConflict(failedPrecondition(part));
            }
        }
        boolean contention = reasons.stream().anyMatch(reason -> "TransactionConflict".equals(reason.code()));
        if (contention) {
            return new DraftWriteConflict(DraftWriteConflict.Reason.CONTENTION);
        }
        throw ServiceException.internal(cancelled);
    }

    private static DraftWriteConflict.Reason failedPrecondition(int part) {
        return switch (part) {
            case DOCUMENT_PART -> DraftWriteConflict.Reason.DOCUMENT_CHANGED;
            case SOURCE_PART -> DraftWriteConflict.Reason.SOURCE_CHANGED;
            case NEW_VERSION_PART -> DraftWriteConflict.Reason.VERSION_ID_TAKEN;
            default -> DraftWriteConflict.Reason.IDEMPOTENCY_CLAIM_LOST;
        };
    }

    /**
     * Reads a record that holds a key. A completed one names its draft by {@code version_id} (the table's shared
     * layout); the summary this service keeps beside it answers a repeat exactly as the first request was
     * answered, and without one the draft item is read. Empty when the record names a draft that no longer
     * exists and keeps no summary: there is nothing left to answer with.
     */
    private Optional<IdempotencyClaim.Existing> existingClaim(DocumentRef document,
            Map<String, AttributeValue> record, Deadline deadline) {
        String fingerprint = Objects.requireNonNullElse(stringOrNull(record, "request_hash"), "");
        String versionId = stringOrNull(record, "version_id");
        if (versionId == null) {
            return Optional.of(new IdempotencyClaim.Existing(fingerprint, null));
        }

        AttributeValue summary = record.get("draft");
        if (summary != null && summary.hasM() && DraftItems.isSummaryOf(summary.m(), versionId)) {
            return Optional.of(new IdempotencyClaim.Existing(fingerprint, DraftItems.fromSummary(summary.m())));
        }
        return getItem(TableKeys.version(document, versionId), deadline)
                .map(version -> new IdempotencyClaim.Existing(fingerprint, DraftItems.fromVersion(version)));
    }

    private Optional<Map<String, AttributeValue>> getItem(Map<String, AttributeValue> key, Deadline deadline) {
        var response = call(deadline, () -> dynamoDb.getItem(get -> get
                .tableName(tableName)
                .key(key)
                .consistentRead(true)
                .overrideConfiguration(timeout(deadline))));
        return response.hasItem() && !response.item().isEmpty() ? Optional.of(response.item()) : Optional.empty();
    }

    /** The call's own timeout when the deadline is nearer than the client's; {@code null} keeps the client's. */
    private static AwsRequestOverrideConfiguration timeout(Deadline deadline) {
        Duration remaining = deadline.remaining();
        if (remaining.compareTo(DynamoDbClients.CALL_TIMEOUT) >= 0) {
            return null;
        }
        return AwsRequestOverrideConfiguration.builder()
                .apiCallTimeout(remaining.isZero() ? Duration.ofMillis(1) : remaining)
                .build();
    }

    /**
     * Runs one database call, turning what the caller cannot fix into a {@link ServiceException}: throttling,
     * timeouts, an unreachable endpoint and DynamoDB's own 5xx become 503; anything else is a 500. Conditional
     * failures and cancelled transactions pass through for the caller to interpret.
     */
    private static <T> T call(Deadline deadline, Supplier<T> operation) {
        if (deadline.remaining().isZero()) {
            throw ServiceException.unavailable("no time left for a database call", null);
        }
        try {
            return operation.get();
        } catch (ConditionalCheckFailedException | TransactionCanceledException
                | TransactionInProgressException expected) {
            throw expected;
        } catch (DynamoDbException e) {
            if (e.isThrottlingException() || e.statusCode() >= 500) {
                throw ServiceException.unavailable("database throttled or failing", e);
            }
            throw ServiceException.internal(e);
        } catch (SdkClientException e) {
            throw ServiceException.unavailable("database unreachable or too slow", e);
        } catch (SdkException e) {
            throw ServiceException.internal(e);
        }
    }
}

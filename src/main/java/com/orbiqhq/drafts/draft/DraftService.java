package com.orbiqhq.drafts.draft;

import com.orbiqhq.drafts.error.ClientException;
import com.orbiqhq.drafts.error.ServiceException;
import com.orbiqhq.drafts.log.JsonLogger;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Creates draft versions: the rules both entry points (HTTP and schedule) share.
 *
 * <p>A draft is a copy of one version (the promoted one unless another is named) written in one transaction
 * together with the document's next draft stamp, so keys stay unique and nothing is ever half-written. When
 * something read changes before the write (another draft, a new promotion, a revised source) the transaction
 * refuses; the service reads again and retries with jittered backoff for as long as the deadline allows. A
 * throttled transaction is retried the same way, only more slowly.
 *
 * <p>With an idempotency key, the request first claims the key. A repeat of a completed request returns the
 * same draft; a repeat while the first is in flight is a conflict; the same key with another request is refused.
 */
public final class DraftService {
    static final Duration IDEMPOTENCY_WINDOW = Duration.ofHours(24);

    private static final Duration MIN_TIME_FOR_ATTEMPT = Duration.ofMillis(150);
    private static final Backoff CONFLICT_BACKOFF = new Backoff(Duration.ofMillis(10), Duration.ofMillis(250));
    /**
     * Throttling clears as DynamoDB adapts the table's capacity, in hundreds of milliseconds rather than the few
     * milliseconds a conflicting writer needs: start slower and wait longer, as the SDK does for throttled calls.
     */
    private static final Backoff THROTTLE_BACKOFF = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(1));

    private final VersionRepository repository;
    private final InstantSource clock;
    private final JsonLogger log;

    public DraftService(VersionRepository repository, InstantSource clock, JsonLogger log) {
        this.repository = repository;
        this.clock = clock;
        this.log = log;
    }

    /**
     * Creates a draft, or returns the one an earlier request with the same idempotency key created.
     *
     * @throws ClientException 400 (no such source, nothing promoted), 404 (no such document for this tenant),
     *     409 (same key in flight), 422 (same key, other request)
     * @throws ServiceException 503 when the database is unavailable or contention outlasts the deadline
     */
    public DraftResult createDraft(CreateDraftCommand command, Deadline deadline) {
        if (command.idempotencyKey() == null) {
            return createWithRetries(command, null, deadline);
        }

        IdempotencyLock lock = newLock(command, deadline);
        IdempotencyClaim claim = repository.claimIdempotencyKey(command.document(), lock, deadline);
        if (claim instanceof IdempotencyClaim.Existing existing) {
            return replay(command, existing);
        }

        try {
            return createWithRetries(command, lock, deadline);
        } catch (RuntimeException failure) {
            release(command.document(), lock, deadline);
            throw failure;
        }
    }

    private DraftResult createWithRetries(CreateDraftCommand command, IdempotencyLock lock, Deadline deadline) {
        for (int attempt = 0; ; attempt++) {
            DraftWrite write = planWrite(command, lock, deadline);
            try {
                repository.insertDraft(write, deadline);
                log.debug("draft written", "attempt", attempt, "versionId", write.draft().id());
                return new DraftResult(write.draft(), false);
            } catch (DraftWriteConflict conflict) {
                if (conflict.reason() == DraftWriteConflict.Reason.IDEMPOTENCY_CLAIM_LOST) {
                    return replayAfterLostClaim(command, lock, deadline);
                }
                log.debug("draft write refused, reading again", "attempt", attempt, "reason", conflict.reason());
                if (conflict.reason() == DraftWriteConflict.Reason.THROTTLED) {
                    THROTTLE_BACKOFF.pauseBefore(attempt + 1, deadline, MIN_TIME_FOR_ATTEMPT,
                            "draft write kept being throttled until the deadline");
                } else {
                    CONFLICT_BACKOFF.pauseBefore(attempt + 1, deadline, MIN_TIME_FOR_ATTEMPT,
                            "draft write kept conflicting until the deadline");
                }
            }
        }
    }

    /**
     * Reads the document and the source, and plans the transaction that copies it. A named source is read
     * together with the document (one round trip); the promoted one only once the document has named it.
     */
    private DraftWrite planWrite(CreateDraftCommand command, IdempotencyLock lock, Deadline deadline) {
        DocumentRef document = command.document();
        DocumentState state;
        SourceVersion source;
        if (command.copiesPromotedVersion()) {
            state = repository.findDocument(document, deadline).orElseThrow(ClientException::documentNotFound);
            if (state.activeVersionId() == null) {
                throw ClientException.nothingPromoted();
            }
            source = repository.findVersion(document, state.activeVersionId(), deadline)
                    .orElseThrow(ClientException::nothingPromoted);
        } else {
            DocumentAndVersion read = repository.findDocumentAndVersion(document, command.sourceVersionId(), deadline);
            state = read.document().orElseThrow(ClientException::documentNotFound);
            source = read.version().orElseThrow(ClientException::sourceNotFound);
        }

        Instant now = clock.instant();
        long keyMillis = state.nextDraftKeyMillis(now.toEpochMilli());
        Draft draft = new Draft(UUID.randomUUID().toString(), Draft.keyFor(keyMillis), command.name(),
                now.truncatedTo(ChronoUnit.SECONDS), List.of());
        return new DraftWrite(document, state, source, command.copiesPromotedVersion(), draft, keyMillis,
                command.createdBy(), lock);
    }

    private DraftResult replay(CreateDraftCommand command, IdempotencyClaim.Existing existing) {
        if (!existing.requestFingerprint().equals(command.fingerprint())) {
            throw ClientException.idempotencyKeyReused();
        }
        if (existing.completed() == null) {
            throw ClientException.idempotencyInFlight();
        }
        log.debug("idempotent replay", "versionId", existing.completed().id());
        return new DraftResult(existing.completed(), true);
    }

    /**
     * Our claim lapsed and another request took the key over (this request outlived its own deadline estimate).
     * Nothing of ours was written; answer as the new holder's repeat would be answered.
     */
    private DraftResult replayAfterLostClaim(CreateDraftCommand command, IdempotencyLock lock, Deadline deadline) {
        IdempotencyClaim.Existing holder = repository
                .findIdempotencyRecord(command.document(), lock.keyHash(), deadline)
                .orElseThrow(ClientException::idempotencyInFlight);
        return replay(command, holder);
    }

    private IdempotencyLock newLock(CreateDraftCommand command, Deadline deadline) {
        Instant now = clock.instant();
        long lockedUntil = now.plus(deadline.remaining()).toEpochMilli();
        return new IdempotencyLock(command.idempotencyKey().hash(), command.fingerprint(),
                UUID.randomUUID().toString(), lockedUntil, now.plus(IDEMPOTENCY_WINDOW).getEpochSecond());
    }

    private void release(DocumentRef document, IdempotencyLock lock, Deadline deadline) {
        try {
            repository.releaseIdempotencyKey(document, lock, deadline);
        } catch (RuntimeException e) {
            // The claim lapses on its own at lockedUntil; the original failure is what the caller must see.
            log.warn("could not release idempotency claim", "error", e.getClass().getSimpleName());
        }
    }
}
